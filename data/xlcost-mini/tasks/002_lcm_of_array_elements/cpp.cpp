#include <bits/stdc++.h>
using namespace std;

// Function to return gcd of a and b
int gcd(int a, int b)
{
    if (a == 0)
        return b;
    return gcd(b % a, a);
}

// Function to find lcm of the array elements
int findLcm(int arr[], int n)
{
    // Initialize result
    int ans = arr[0];
    // ans contains the lcm of arr[0] to arr[i] after the ith iteration
    for (int i = 1; i < n; i++)
        ans = (arr[i] * ans) / gcd(arr[i], ans);
    return ans;
}

// Driver code
int main()
{
    int arr[] = { 2, 7, 3, 9, 4 };
    int n = sizeof(arr) / sizeof(arr[0]);
    cout << findLcm(arr, n) << endl;
    int arr2[] = { 1, 2, 8, 3 };
    n = sizeof(arr2) / sizeof(arr2[0]);
    cout << findLcm(arr2, n) << endl;
    return 0;
}
