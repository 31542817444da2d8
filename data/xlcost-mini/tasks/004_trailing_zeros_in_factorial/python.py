# Function to return trailing 0s in factorial of n
def findTrailingZeros(n):
    # Negative number edge case
    if n < 0:
        return -1
    # Initialize result
    count = 0
    # Keep dividing n by powers of 5 and update count
    i = 5
    while n // i >= 1:
        count += n // i
        i *= 5
    return count


# Driver code
arr = [5, 100, 1000]
for n in arr:
    print("Count of trailing 0s in " + str(n) + "! is " + str(findTrailingZeros(n)))
