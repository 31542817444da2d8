// Returns the length of LCS for X[0..m-1] and Y[0..n-1]
function lcs(X, Y, m, n) {
    // Declaring the array for storing the dp values
    let L = new Array(m + 1);
    for (let i = 0; i <= m; i++)
        L[i] = new Array(n + 1).fill(0);
    // Following steps build L[m+1][n+1] in bottom up fashion
    for (let i = 0; i <= m; i++) {
        for (let j = 0; j <= n; j++) {
            if (i == 0 || j == 0)
                L[i][j] = 0;
            // If the last characters match, extend the LCS of the prefixes
            else if (X[i - 1] == Y[j - 1])
                L[i][j] = L[i - 1][j - 1] + 1;
            // Otherwise drop the last character of one of the strings
            else
                L[i][j] = Math.max(L[i - 1][j], L[i][j - 1]);
        }
    }
    // L[m][n] contains the length of LCS of X[0..m-1] and Y[0..n-1]
    return L[m][n];
}

// Driver code
let X = "AGGTAB";
let Y = "GXTXAYB";
console.log("Length of LCS is " + lcs(X, Y, X.length, Y.length));
