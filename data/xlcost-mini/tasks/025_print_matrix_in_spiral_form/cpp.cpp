#include <bits/stdc++.h>
using namespace std;

// Function to print a matrix in spiral form
void spiralPrint(int m, int n, vector<vector<int>>& a)
{
    // k is the starting row, m the ending row, left the starting column and n the ending column
    int k = 0, left = 0;
    vector<int> result;
    while (k < m && left < n) {
        // Print the first row from the remaining rows
        for (int i = left; i < n; ++i)
            result.push_back(a[k][i]);
        k++;
        // Print the last column from the remaining columns
        for (int i = k; i < m; ++i)
            result.push_back(a[i][n - 1]);
        n--;
        // Print the last row from the remaining rows
        if (k < m) {
            for (int i = n - 1; i >= left; --i)
                result.push_back(a[m - 1][i]);
            m--;
        }
        // Print the first column from the remaining columns
        if (left < n) {
            for (int i = m - 1; i >= k; --i)
                result.push_back(a[i][left]);
            left++;
        }
    }
    for (int i = 0; i < (int)result.size(); i++) {
        if (i > 0)
            cout << " ";
        cout << result[i];
    }
    cout << endl;
}

// Driver code
int main()
{
    vector<vector<int>> a = { { 1, 2, 3, 4, 5, 6 }, { 7, 8, 9, 10, 11, 12 }, { 13, 14, 15, 16, 17, 18 } };
    int R = 3, C = 6;
    spiralPrint(R, C, a);
    return 0;
}
