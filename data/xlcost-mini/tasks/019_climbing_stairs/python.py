# Function to count the ways to reach the nth stair when one can climb up to m stairs at a time
def countWays(n, m):
    res = [0] * (n + 1)
    # There is one way to stay on the ground and one way to reach the first stair
    res[0] = 1
    res[1] = 1
    for i in range(2, n + 1):
        # Sum the ways of reaching each of the last m stairs
        j = 1
        while j <= m and j <= i:
            res[i] = res[i] + res[i - j]
            j = j + 1
    return res[n]


# Driver code
s = 4
m = 2
print("Number of ways =", countWays(s, m))
s = 10
m = 3
print("Number of ways =", countWays(s, m))
