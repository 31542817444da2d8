#include <bits/stdc++.h>
using namespace std;

// Utility function to return the sum of squares of the digits of n
int numSquareSum(int n)
{
    int squareSum = 0;
    while (n) {
        squareSum += (n % 10) * (n % 10);
        n /= 10;
    }
    return squareSum;
}

// Function to check whether n is a happy number using slow and fast pointers
bool isHappyNumber(int n)
{
    // Initialize slow and fast by n
    int slow = n, fast = n;
    while (true) {
        // Move the slow number by one iteration
        slow = numSquareSum(slow);
        // Move the fast number by two iterations
        fast = numSquareSum(numSquareSum(fast));
        // The two numbers meet once the sequence enters a cycle
        if (slow == fast)
            break;
    }
    // If both numbers meet at 1, then n is a happy number
    return (slow == 1);
}

// Driver code
int main()
{
    int arr[] = { 13, 4, 19 };
    for (int n : arr) {
        if (isHappyNumber(n))
            cout << n << " is a Happy number" << endl;
        else
            cout << n << " is not a Happy number" << endl;
    }
    return 0;
}
