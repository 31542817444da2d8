#include <bits/stdc++.h>
using namespace std;

// Function to count the steps needed for n to reach 1 in the Collatz sequence
int collatzSteps(int n)
{
    int steps = 0;
    while (n != 1) {
        // If n is even, divide it by 2
        if (n % 2 == 0)
            n = n / 2;
        // Otherwise multiply it by 3 and add 1
        else
            n = 3 * n + 1;
        steps++;
    }
    return steps;
}

// Function to find the number below limit with the longest Collatz sequence
int longestCollatz(int limit)
{
    int best = 1, bestSteps = 0;
    for (int i = 1; i < limit; i++) {
        int s = collatzSteps(i);
        // Update the answer if a longer sequence is found
        if (s > bestSteps) {
            best = i;
            bestSteps = s;
        }
    }
    return best;
}

// Driver code
int main()
{
    cout << collatzSteps(27) << endl;
    cout << longestCollatz(100) << endl;
    return 0;
}
