#include <bits/stdc++.h>
using namespace std;

// Function to return the maximum sum of k consecutive elements using a sliding window
int maxSum(int arr[], int n, int k) {
    // n must be greater than or equal to k
    if (n < k) {
        cout << "Invalid" << endl;
        return -1;
    }
    // Compute the sum of the first window of size k
    int window_sum = 0;
    for (int i = 0; i < k; i++)
        window_sum += arr[i];
    int max_sum = window_sum;
    // Slide the window: remove the first element of the previous window and add the next one
    for (int i = 0; i < n - k; i++) {
        window_sum = window_sum - arr[i] + arr[i + k];
        max_sum = max(window_sum, max_sum);
    }
    return max_sum;
}

// Driver code
int main() {
    int arr[] = {1, 4, 2, 10, 2, 3, 1, 0, 20};
    int k = 4;
    int n = sizeof(arr) / sizeof(arr[0]);
    cout << maxSum(arr, n, k) << endl;
    return 0;
}
