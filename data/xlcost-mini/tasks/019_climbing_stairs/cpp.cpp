#include <bits/stdc++.h>
using namespace std;

// Function to count the ways to reach the nth stair when one can climb up to m stairs at a time
int countWays(int n, int m)
{
    vector<int> res(n + 1, 0);
    // There is one way to stay on the ground and one way to reach the first stair
    res[0] = 1;
    res[1] = 1;
    for (int i = 2; i <= n; i++) {
        // Sum the ways of reaching each of the last m stairs
        for (int j = 1; j <= m && j <= i; j++)
            res[i] += res[i - j];
    }
    return res[n];
}

// Driver code
int main()
{
    int s = 4, m = 2;
    cout << "Number of ways = " << countWays(s, m) << endl;
    s = 10;
    m = 3;
    cout << "Number of ways = " << countWays(s, m) << endl;
    return 0;
}
