#include <bits/stdc++.h>
using namespace std;

// Function to swap two elements of the array
void swap(int arr[], int i, int j) {
    int temp = arr[i];
    arr[i] = arr[j];
    arr[j] = temp;
}

// This function takes last element as pivot, places the pivot at its correct position
// in the sorted array, and places all smaller elements to the left of the pivot
int partition(int arr[], int low, int high) {
    int pivot = arr[high];
    // Index of smaller element
    int i = low - 1;
    for (int j = low; j < high; j++) {
        // If current element is smaller than the pivot
        if (arr[j] < pivot) {
            i++;
            swap(arr, i, j);
        }
    }
    swap(arr, i + 1, high);
    return i + 1;
}

// The main function that implements QuickSort
void quickSort(int arr[], int low, int high) {
    if (low < high) {
        // pi is partitioning index, arr[pi] is now at right place
        int pi = partition(arr, low, high);
        // Separately sort elements before partition and after partition
        quickSort(arr, low, pi - 1);
        quickSort(arr, pi + 1, high);
    }
}

// Driver code
int main() {
    int arr[] = {10, 7, 8, 9, 1, 5};
    int n = sizeof(arr) / sizeof(arr[0]);
    quickSort(arr, 0, n - 1);
    cout << "Sorted array:" << endl;
    for (int i = 0; i < n; i++) {
        if (i > 0)
            cout << " ";
        cout << arr[i];
    }
    cout << endl;
    return 0;
}
