class GFG {
    // Function to find the minimum number of operations to convert str1 to str2
    static int editDistDP(String str1, String str2, int m, int n) {
        // Create a table to store results of subproblems
        int dp[][] = new int[m + 1][n + 1];
        // Fill dp[][] in bottom up manner
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= n; j++) {
                // If the first string is empty, insert all characters of the second string
                if (i == 0)
                    dp[i][j] = j;
                // If the second string is empty, remove all characters of the first string
                else if (j == 0)
                    dp[i][j] = i;
                // If the last characters are same, ignore them and recur for the remaining strings
                else if (str1.charAt(i - 1) == str2.charAt(j - 1))
                    dp[i][j] = dp[i - 1][j - 1];
                // If the last characters are different, take the best of insert, remove and replace
                else
                    dp[i][j] = 1 + Math.min(Math.min(dp[i][j - 1], dp[i - 1][j]),
                                            dp[i - 1][j - 1]);
            }
        }
        return dp[m][n];
    }

    // Driver code
    public static void main(String[] args) {
        String str1 = "sunday";
        String str2 = "saturday";
        System.out.println(editDistDP(str1, str2, str1.length(), str2.length()));
        str1 = "geek";
        str2 = "gesek";
        System.out.println(editDistDP(str1, str2, str1.length(), str2.length()));
    }
}
