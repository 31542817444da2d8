#include <bits/stdc++.h>
using namespace std;

// Function to find the largest sum of a contiguous subarray
int maxSubArraySum(int a[], int size)
{
    int max_so_far = a[0];
    int curr_max = a[0];
    for (int i = 1; i < size; i++) {
        // Either extend the previous subarray or start a new one at a[i]
        curr_max = max(a[i], curr_max + a[i]);
        // Update the overall maximum
        max_so_far = max(max_so_far, curr_max);
    }
    return max_so_far;
}

// Driver code
int main()
{
    int a[] = { -2, -3, 4, -1, -2, 1, 5, -3 };
    int n = sizeof(a) / sizeof(a[0]);
    cout << "Maximum contiguous sum is " << maxSubArraySum(a, n) << endl;
    int b[] = { -5, -1, -8 };
    n = sizeof(b) / sizeof(b[0]);
    cout << "Maximum contiguous sum is " << maxSubArraySum(b, n) << endl;
    return 0;
}
