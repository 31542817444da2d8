# Returns the length of LCS for X[0..m-1] and Y[0..n-1]
def lcs(X, Y, m, n):
    # Declaring the array for storing the dp values
    L = [[0] * (n + 1) for i in range(m + 1)]
    # Following steps build L[m+1][n+1] in bottom up fashion
    for i in range(m + 1):
        for j in range(n + 1):
            if i == 0 or j == 0:
                L[i][j] = 0
            # If the last characters match, extend the LCS of the prefixes
            elif X[i - 1] == Y[j - 1]:
                L[i][j] = L[i - 1][j - 1] + 1
            # Otherwise drop the last character of one of the strings
            else:
                L[i][j] = max(L[i - 1][j], L[i][j - 1])
    # L[m][n] contains the length of LCS of X[0..m-1] and Y[0..n-1]
    return L[m][n]


# Driver code
X = "AGGTAB"
Y = "GXTXAYB"
print("Length of LCS is", lcs(X, Y, len(X), len(Y)))
