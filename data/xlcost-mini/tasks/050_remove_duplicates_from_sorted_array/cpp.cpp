#include <bits/stdc++.h>
using namespace std;

// Function to remove duplicate elements and return the new size of the modified array
int removeDuplicates(int arr[], int n) {
    // Return, if array is empty or contains a single element
    if (n == 0 || n == 1)
        return n;
    // Index of the next unique element
    int j = 0;
    for (int i = 0; i < n - 1; i++) {
        // If current element is not equal to the next element then store it
        if (arr[i] != arr[i + 1])
            arr[j++] = arr[i];
    }
    // Store the last element as whether it is unique or repeated, it has not been stored
    arr[j++] = arr[n - 1];
    return j;
}

// Driver code
int main() {
    int arr[] = {1, 2, 2, 3, 4, 4, 4, 5, 5};
    int n = sizeof(arr) / sizeof(arr[0]);
    // removeDuplicates() returns the new size of the array
    n = removeDuplicates(arr, n);
    // Print the updated array
    for (int i = 0; i < n; i++) {
        if (i > 0)
            cout << " ";
        cout << arr[i];
    }
    cout << endl;
    return 0;
}
