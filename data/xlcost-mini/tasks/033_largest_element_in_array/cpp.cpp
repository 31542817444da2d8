#include <bits/stdc++.h>
using namespace std;

// Function to find the largest element in arr[]
int largest(int arr[], int n) {
    // Initialize maximum element
    int mx = arr[0];
    // Traverse array elements from second and compare every element with current max
    for (int i = 1; i < n; i++) {
        if (arr[i] > mx) {
            mx = arr[i];
        }
    }
    return mx;
}

// Driver code
int main() {
    int arr[] = {10, 324, 45, 90, 9808};
    int n = sizeof(arr) / sizeof(arr[0]);
    cout << "Largest in given array is " << largest(arr, n) << endl;
    return 0;
}
