#include <bits/stdc++.h>
using namespace std;

// Function to count the divisors of n
int countDivisors(int n)
{
    int cnt = 0;
    // Divisors come in pairs, so check only up to the square root of n
    for (int i = 1; i * i <= n; i++) {
        if (n % i == 0) {
            // If divisors are equal, count only one
            if (n / i == i)
                cnt++;
            // Otherwise count both
            else
                cnt = cnt + 2;
        }
    }
    return cnt;
}

// Driver code
int main()
{
    cout << "Total distinct divisors of 100 are : " << countDivisors(100) << endl;
    cout << "Total distinct divisors of 360 are : " << countDivisors(360) << endl;
    return 0;
}
