#include <bits/stdc++.h>
using namespace std;

// Function to find the index of a peak element using binary search
int findPeak(int arr[], int n) {
    int low = 0, high = n - 1;
    while (low < high) {
        int mid = low + (high - low) / 2;
        // If the middle element is smaller than its right neighbour, a peak lies on the right side
        if (arr[mid] < arr[mid + 1])
            low = mid + 1;
        // Otherwise a peak lies on the left side including mid
        else
            high = mid;
    }
    return low;
}

// Driver code
int main() {
    int arr[] = {1, 3, 20, 4, 1, 0};
    int n = sizeof(arr) / sizeof(arr[0]);
    cout << "Index of a peak point is " << findPeak(arr, n) << endl;
    int arr2[] = {5, 10, 20, 15};
    cout << "Index of a peak point is " << findPeak(arr2, 4) << endl;
    return 0;
}
