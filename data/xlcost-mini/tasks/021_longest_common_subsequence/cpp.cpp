#include <bits/stdc++.h>
using namespace std;

// Returns the length of LCS for X[0..m-1] and Y[0..n-1]
int lcs(string X, string Y, int m, int n)
{
    // Declaring the array for storing the dp values
    vector<vector<int>> L(m + 1, vector<int>(n + 1));
    // Following steps build L[m+1][n+1] in bottom up fashion
    for (int i = 0; i <= m; i++) {
        for (int j = 0; j <= n; j++) {
            if (i == 0 || j == 0)
                L[i][j] = 0;
            // If the last characters match, extend the LCS of the prefixes
            else if (X[i - 1] == Y[j - 1])
                L[i][j] = L[i - 1][j - 1] + 1;
            // Otherwise drop the last character of one of the strings
            else
                L[i][j] = max(L[i - 1][j], L[i][j - 1]);
        }
    }
    // L[m][n] contains the length of LCS of X[0..m-1] and Y[0..n-1]
    return L[m][n];
}

// Driver code
int main()
{
    string X = "AGGTAB";
    string Y = "GXTXAYB";
    cout << "Length of LCS is " << lcs(X, Y, X.size(), Y.size()) << endl;
    return 0;
}
