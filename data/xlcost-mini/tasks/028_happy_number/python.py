# Utility function to return the sum of squares of the digits of n
def numSquareSum(n):
    squareSum = 0
    while n:
        squareSum += (n % 10) * (n % 10)
        n = n // 10
    return squareSum


# Function to check whether n is a happy number using slow and fast pointers
def isHappyNumber(n):
    # Initialize slow and fast by n
    slow = n
    fast = n
    while True:
        # Move the slow number by one iteration
        slow = numSquareSum(slow)
        # Move the fast number by two iterations
        fast = numSquareSum(numSquareSum(fast))
        # The two numbers meet once the sequence enters a cycle
        if slow == fast:
            break
    # If both numbers meet at 1, then n is a happy number
    return slow == 1


# Driver code
arr = [13, 4, 19]
for n in arr:
    if isHappyNumber(n):
        print(n, "is a Happy number")
    else:
        print(n, "is not a Happy number")
