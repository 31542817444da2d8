#include <bits/stdc++.h>
using namespace std;
#define N 4

// Function to rotate a square matrix by 90 degrees in clockwise direction
void rotate90Clockwise(int a[N][N])
{
    // Traverse each cycle
    for (int i = 0; i < N / 2; i++) {
        for (int j = i; j < N - i - 1; j++) {
            // Swap the four elements of the cycle in clockwise direction
            int temp = a[i][j];
            a[i][j] = a[N - 1 - j][i];
            a[N - 1 - j][i] = a[N - 1 - i][N - 1 - j];
            a[N - 1 - i][N - 1 - j] = a[j][N - 1 - i];
            a[j][N - 1 - i] = temp;
        }
    }
}

// Function to print the matrix
void printMatrix(int a[N][N])
{
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            if (j > 0)
                cout << " ";
            cout << a[i][j];
        }
        cout << endl;
    }
}

// Driver code
int main()
{
    int arr[N][N] = { { 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { 9, 10, 11, 12 }, { 13, 14, 15, 16 } };
    rotate90Clockwise(arr);
    printMatrix(arr);
    return 0;
}
