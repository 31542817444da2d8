#include <bits/stdc++.h>
using namespace std;

// Function to fill the prefix sum array
void fillPrefixSum(int arr[], int n, int prefixSum[]) {
    prefixSum[0] = arr[0];
    // Add the present element to the previous prefix sum
    for (int i = 1; i < n; i++)
        prefixSum[i] = prefixSum[i - 1] + arr[i];
}

// Function to return the sum of the elements in the range [left, right]
int rangeSum(int prefixSum[], int left, int right) {
    if (left == 0)
        return prefixSum[right];
    return prefixSum[right] - prefixSum[left - 1];
}

// Driver code
int main() {
    int arr[] = {10, 4, 16, 20, 5, 6};
    int n = sizeof(arr) / sizeof(arr[0]);
    int prefixSum[6];
    fillPrefixSum(arr, n, prefixSum);
    cout << rangeSum(prefixSum, 0, 2) << endl;
    cout << rangeSum(prefixSum, 1, 4) << endl;
    cout << rangeSum(prefixSum, 3, 5) << endl;
    return 0;
}
