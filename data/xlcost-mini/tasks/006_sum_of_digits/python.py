# Function to get the sum of digits of n
def getSum(n):
    sum = 0
    while n != 0:
        # Add the last digit to sum
        sum = sum + (n % 10)
        # Remove the last digit
        n = n // 10
    return sum


# Driver code
n = 687
print("Sum of digits of", n, "is", getSum(n))
n = 12345
print("Sum of digits of", n, "is", getSum(n))
