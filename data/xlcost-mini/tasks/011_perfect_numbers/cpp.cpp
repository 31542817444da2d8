#include <bits/stdc++.h>
using namespace std;

// Returns true if n is a perfect number
bool isPerfect(long long int n)
{
    // To store the sum of divisors
    long long int sum = 1;
    // Find all divisors and add them
    for (long long int i = 2; i * i <= n; i++) {
        if (n % i == 0) {
            // If both divisors are different, add both of them
            if (i * i != n)
                sum = sum + i + n / i;
            else
                sum = sum + i;
        }
    }
    // If the sum of divisors is equal to n, then n is a perfect number
    return sum == n && n != 1;
}

// Driver code
int main()
{
    cout << "Below are all perfect numbers till 10000" << endl;
    for (int n = 2; n < 10000; n++)
        if (isPerfect(n))
            cout << n << " is a perfect number" << endl;
    return 0;
}
