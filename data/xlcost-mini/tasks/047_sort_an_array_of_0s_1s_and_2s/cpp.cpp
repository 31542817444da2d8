#include <bits/stdc++.h>
using namespace std;

// Function to sort an array of 0s, 1s and 2s in a single traversal
void sort012(int a[], int arr_size) {
    int lo = 0, hi = arr_size - 1, mid = 0;
    while (mid <= hi) {
        // If the element is 0, swap it into the low part
        if (a[mid] == 0) {
            swap(a[lo], a[mid]);
            lo++;
            mid++;
        }
        // If the element is 1, leave it in the middle part
        else if (a[mid] == 1) {
            mid++;
        }
        // If the element is 2, swap it into the high part
        else {
            swap(a[mid], a[hi]);
            hi--;
        }
    }
}

// Function to print array arr[]
void printArray(int a[], int arr_size) {
    for (int i = 0; i < arr_size; i++) {
        if (i > 0)
            cout << " ";
        cout << a[i];
    }
    cout << endl;
}

// Driver code
int main() {
    int arr[] = {0, 1, 1, 0, 1, 2, 1, 2, 0, 0, 0, 1};
    int arr_size = sizeof(arr) / sizeof(arr[0]);
    sort012(arr, arr_size);
    printArray(arr, arr_size);
    return 0;
}
