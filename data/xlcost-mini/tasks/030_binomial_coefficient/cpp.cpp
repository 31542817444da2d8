#include <bits/stdc++.h>
using namespace std;

// Function to return the value of the Binomial Coefficient C(n, k)
int binomialCoeff(int n, int k)
{
    vector<int> C(k + 1, 0);
    // nC0 is 1
    C[0] = 1;
    for (int i = 1; i <= n; i++) {
        // Compute the next row of the pascal triangle using the previous row
        for (int j = min(i, k); j > 0; j--)
            C[j] = C[j] + C[j - 1];
    }
    return C[k];
}

// Driver code
int main()
{
    int n = 5, k = 2;
    cout << "Value of C(" << n << ", " << k << ") is " << binomialCoeff(n, k) << endl;
    n = 20;
    k = 10;
    cout << "Value of C(" << n << ", " << k << ") is " << binomialCoeff(n, k) << endl;
    return 0;
}
