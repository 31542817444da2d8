#include <bits/stdc++.h>
using namespace std;

// Function to store the transpose of A[][] in B[][]
void transpose(vector<vector<int>>& A, vector<vector<int>>& B, int M, int N)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < M; j++)
            // Row i of B is column i of A
            B[i][j] = A[j][i];
}

// Driver code
int main()
{
    vector<vector<int>> A = { { 1, 2, 3 }, { 4, 5, 6 } };
    int M = A.size();
    int N = A[0].size();
    // B has N rows and M columns
    vector<vector<int>> B(N, vector<int>(M));
    transpose(A, B, M, N);
    cout << "Result matrix is" << endl;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < M; j++) {
            if (j > 0)
                cout << " ";
            cout << B[i][j];
        }
        cout << endl;
    }
    return 0;
}
