#include <bits/stdc++.h>
using namespace std;

// Iterative function to calculate (x ^ y) % p in O(log y)
long long power(long long x, long long y, long long p)
{
    // Initialize result
    long long res = 1;
    // Update x if it is more than or equal to p
    x = x % p;
    // In case x is divisible by p
    if (x == 0)
        return 0;
    while (y > 0) {
        // If y is odd, multiply x with result
        if ((y & 1) == 1)
            res = (res * x) % p;
        // y must be even now
        y = y >> 1;
        x = (x * x) % p;
    }
    return res;
}

// Driver code
int main()
{
    long long x = 2, y = 5, p = 13;
    cout << "Power is " << power(x, y, p) << endl;
    x = 3;
    y = 200;
    p = 1000003;
    cout << "Power is " << power(x, y, p) << endl;
    return 0;
}
