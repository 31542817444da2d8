#include <bits/stdc++.h>
using namespace std;

// Function to print all primes smaller than or equal to n
void sieveOfEratosthenes(int n)
{
    // Create a boolean array prime[0..n] and initialize all entries as true
    vector<bool> prime(n + 1, true);
    for (int p = 2; p * p <= n; p++) {
        // If prime[p] is not changed, then it is a prime
        if (prime[p]) {
            // Update all multiples of p
            for (int i = p * p; i <= n; i += p)
                prime[i] = false;
        }
    }
    // Collect all prime numbers
    vector<int> result;
    for (int p = 2; p <= n; p++)
        if (prime[p])
            result.push_back(p);
    for (int i = 0; i < (int)result.size(); i++) {
        if (i > 0)
            cout << " ";
        cout << result[i];
    }
    cout << endl;
}

// Driver code
int main()
{
    int n = 30;
    cout << "Following are the prime numbers smaller than or equal to " << n << endl;
    sieveOfEratosthenes(n);
    return 0;
}
