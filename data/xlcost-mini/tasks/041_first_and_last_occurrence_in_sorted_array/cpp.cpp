#include <bits/stdc++.h>
using namespace std;

// Function to find the first occurrence of x in sorted arr[]
int firstOccurrence(int arr[], int n, int x) {
    int low = 0, high = n - 1, res = -1;
    while (low <= high) {
        int mid = low + (high - low) / 2;
        if (arr[mid] > x)
            high = mid - 1;
        else if (arr[mid] < x)
            low = mid + 1;
        // If arr[mid] is equal to x, store it and keep searching in the left half
        else {
            res = mid;
            high = mid - 1;
        }
    }
    return res;
}

// Function to find the last occurrence of x in sorted arr[]
int lastOccurrence(int arr[], int n, int x) {
    int low = 0, high = n - 1, res = -1;
    while (low <= high) {
        int mid = low + (high - low) / 2;
        if (arr[mid] > x)
            high = mid - 1;
        else if (arr[mid] < x)
            low = mid + 1;
        // If arr[mid] is equal to x, store it and keep searching in the right half
        else {
            res = mid;
            low = mid + 1;
        }
    }
    return res;
}

// Driver code
int main() {
    int arr[] = {1, 2, 2, 2, 2, 3, 4, 7, 8, 8};
    int n = sizeof(arr) / sizeof(arr[0]);
    int x = 2;
    cout << "First Occurrence = " << firstOccurrence(arr, n, x) << endl;
    cout << "Last Occurrence = " << lastOccurrence(arr, n, x) << endl;
    return 0;
}
