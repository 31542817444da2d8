#include <bits/stdc++.h>
using namespace std;

// Function to find the sum of the series 1 + (1 + 2) + (1 + 2 + 3) + ... till n terms
int seriesSum(int n)
{
    int sum = 0, term = 0;
    for (int i = 1; i <= n; i++) {
        // The ith term is the sum of the first i natural numbers
        term = term + i;
        sum = sum + term;
    }
    return sum;
}

// Function to find the same sum using the formula n * (n + 1) * (n + 2) / 6
int seriesSumFormula(int n)
{
    return (n * (n + 1) * (n + 2)) / 6;
}

// Driver code
int main()
{
    int n = 10;
    cout << seriesSum(n) << endl;
    cout << seriesSumFormula(n) << endl;
    return 0;
}
