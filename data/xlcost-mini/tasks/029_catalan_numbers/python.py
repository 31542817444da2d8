# Function to find the nth catalan number using dynamic programming
def catalan(n):
    # Base case
    if n == 0 or n == 1:
        return 1
    # Table to store results of subproblems
    cat = [0] * (n + 1)
    # Initialize the first two values in the table
    cat[0] = 1
    cat[1] = 1
    # Fill the entries in cat[] using the recursive formula
    for i in range(2, n + 1):
        for j in range(i):
            cat[i] += cat[j] * cat[i - j - 1]
    # Return the last entry
    return cat[n]


# Driver code
res = []
for i in range(10):
    res.append(str(catalan(i)))
print(" ".join(res))
