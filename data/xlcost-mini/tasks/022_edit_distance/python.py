# Function to find the minimum number of operations to convert str1 to str2
def editDistDP(str1, str2, m, n):
    # Create a table to store results of subproblems
    dp = [[0 for j in range(n + 1)] for i in range(m + 1)]
    # Fill dp[][] in bottom up manner
    for i in range(m + 1):
        for j in range(n + 1):
            # If the first string is empty, insert all characters of the second string
            if i == 0:
                dp[i][j] = j
            # If the second string is empty, remove all characters of the first string
            elif j == 0:
                dp[i][j] = i
            # If the last characters are same, ignore them and recur for the remaining strings
            elif str1[i - 1] == str2[j - 1]:
                dp[i][j] = dp[i - 1][j - 1]
            # If the last characters are different, take the best of insert, remove and replace
            else:
                dp[i][j] = 1 + min(dp[i][j - 1], dp[i - 1][j], dp[i - 1][j - 1])
    return dp[m][n]


# Driver code
str1 = "sunday"
str2 = "saturday"
print(editDistDP(str1, str2, len(str1), len(str2)))
str1 = "geek"
str2 = "gesek"
print(editDistDP(str1, str2, len(str1), len(str2)))
