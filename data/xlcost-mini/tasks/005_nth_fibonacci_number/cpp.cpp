#include <bits/stdc++.h>
using namespace std;

// Function to find the nth Fibonacci number
int fib(int n)
{
    // Declare an array to store Fibonacci numbers
    vector<int> f(n + 2);
    // 0th and 1st number of the series are 0 and 1
    f[0] = 0;
    f[1] = 1;
    for (int i = 2; i <= n; i++) {
        // Add the previous 2 numbers in the series and store it
        f[i] = f[i - 1] + f[i - 2];
    }
    return f[n];
}

// Driver code
int main()
{
    int n = 9;
    cout << fib(n) << endl;
    n = 40;
    cout << fib(n) << endl;
    return 0;
}
