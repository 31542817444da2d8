#include <bits/stdc++.h>
using namespace std;

// Function to find the nth catalan number using dynamic programming
unsigned long int catalan(unsigned int n)
{
    // Base case
    if (n == 0 || n == 1)
        return 1;
    // Table to store results of subproblems
    vector<unsigned long int> cat(n + 1, 0);
    // Initialize the first two values in the table
    cat[0] = 1;
    cat[1] = 1;
    // Fill the entries in cat[] using the recursive formula
    for (unsigned int i = 2; i <= n; i++)
        for (unsigned int j = 0; j < i; j++)
            cat[i] += cat[j] * cat[i - j - 1];
    // Return the last entry
    return cat[n];
}

// Driver code
int main()
{
    for (int i = 0; i < 10; i++) {
        if (i > 0)
            cout << " ";
        cout << catalan(i);
    }
    cout << endl;
    return 0;
}
