#include <bits/stdc++.h>
using namespace std;

// Function to print the second largest element
void print2largest(int arr[], int arr_size) {
    // There should be atleast two elements
    if (arr_size < 2) {
        cout << "Invalid Input" << endl;
        return;
    }
    int first = INT_MIN, second = INT_MIN;
    // Find the largest and the second largest in a single traversal
    for (int i = 0; i < arr_size; i++) {
        // If current element is greater than first then update both first and second
        if (arr[i] > first) {
            second = first;
            first = arr[i];
        }
        // If arr[i] is in between first and second then update second
        else if (arr[i] > second && arr[i] != first) {
            second = arr[i];
        }
    }
    if (second == INT_MIN) {
        cout << "There is no second largest element" << endl;
    } else {
        cout << "The second largest element is " << second << endl;
    }
}

// Driver code
int main() {
    int arr[] = {12, 35, 1, 10, 34, 1};
    int n = sizeof(arr) / sizeof(arr[0]);
    print2largest(arr, n);
    int arr2[] = {10, 10, 10};
    print2largest(arr2, 3);
    return 0;
}
