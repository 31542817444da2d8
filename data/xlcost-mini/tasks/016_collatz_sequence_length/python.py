# Function to count the steps needed for n to reach 1 in the Collatz sequence
def collatzSteps(n):
    steps = 0
    while n != 1:
        # If n is even, divide it by 2
        if n % 2 == 0:
            n = n // 2
        # Otherwise multiply it by 3 and add 1
        else:
            n = 3 * n + 1
        steps += 1
    return steps


# Function to find the number below limit with the longest Collatz sequence
def longestCollatz(limit):
    best = 1
    bestSteps = 0
    for i in range(1, limit):
        s = collatzSteps(i)
        # Update the answer if a longer sequence is found
        if s > bestSteps:
            best = i
            bestSteps = s
    return best


# Driver code
print(collatzSteps(27))
print(longestCollatz(100))
