#include <bits/stdc++.h>
using namespace std;

// Function to count the number of ways to make sum using the given coins
long long countWays(int coins[], int n, int sum)
{
    // table[i] will be storing the number of solutions for value i
    vector<long long> table(sum + 1, 0);
    // Base case (If the given value is 0)
    table[0] = 1;
    // Pick all coins one by one and update the table values
    for (int i = 0; i < n; i++)
        // Every value from the coin value upwards can use the picked coin
        for (int j = coins[i]; j <= sum; j++)
            table[j] += table[j - coins[i]];
    return table[sum];
}

// Driver code
int main()
{
    int coins[] = { 1, 2, 3 };
    int n = sizeof(coins) / sizeof(coins[0]);
    cout << countWays(coins, n, 4) << endl;
    int coins2[] = { 2, 5, 3, 6 };
    n = sizeof(coins2) / sizeof(coins2[0]);
    cout << countWays(coins2, n, 10) << endl;
    return 0;
}
