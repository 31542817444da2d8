// Function to find the minimum number of operations to convert str1 to str2
function editDistDP(str1, str2, m, n) {
    // Create a table to store results of subproblems
    let dp = new Array(m + 1);
    for (let i = 0; i <= m; i++)
        dp[i] = new Array(n + 1).fill(0);
    // Fill dp[][] in bottom up manner
    for (let i = 0; i <= m; i++) {
        for (let j = 0; j <= n; j++) {
            // If the first string is empty, insert all characters of the second string
            if (i == 0)
                dp[i][j] = j;
            // If the second string is empty, remove all characters of the first string
            else if (j == 0)
                dp[i][j] = i;
            // If the last characters are same, ignore them and recur for the remaining strings
            else if (str1[i - 1] == str2[j - 1])
                dp[i][j] = dp[i - 1][j - 1];
            // If the last characters are different, take the best of insert, remove and replace
            else
                dp[i][j] = 1 + Math.min(dp[i][j - 1], dp[i - 1][j], dp[i - 1][j - 1]);
        }
    }
    return dp[m][n];
}

// Driver code
let str1 = "sunday";
let str2 = "saturday";
console.log(editDistDP(str1, str2, str1.length, str2.length));
str1 = "geek";
str2 = "gesek";
console.log(editDistDP(str1, str2, str1.length, str2.length));
