#include <bits/stdc++.h>
using namespace std;

// Function to print the first n lines of the Pascal triangle
void printPascal(int n)
{
    for (int line = 1; line <= n; line++) {
        // Used to represent C(line, i)
        int C = 1;
        for (int i = 1; i <= line; i++) {
            // The first value in a line is always 1
            if (i > 1)
                cout << " ";
            cout << C;
            // Compute the next binomial coefficient from the current one
            C = C * (line - i) / i;
        }
        cout << endl;
    }
}

// Driver code
int main()
{
    int n = 5;
    printPascal(n);
    return 0;
}
