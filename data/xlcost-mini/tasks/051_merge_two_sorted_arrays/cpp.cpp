#include <bits/stdc++.h>
using namespace std;

// Function to merge arr1[0..n1-1] and arr2[0..n2-1] into arr3[0..n1+n2-1]
void mergeArrays(int arr1[], int arr2[], int n1, int n2) {
    vector<int> arr3(n1 + n2);
    int i = 0, j = 0, k = 0;
    // Traverse both arrays
    while (i < n1 && j < n2) {
        // Pick the smaller of the current elements of both arrays
        if (arr1[i] < arr2[j])
            arr3[k++] = arr1[i++];
        else
            arr3[k++] = arr2[j++];
    }
    // Store remaining elements of first array
    while (i < n1)
        arr3[k++] = arr1[i++];
    // Store remaining elements of second array
    while (j < n2)
        arr3[k++] = arr2[j++];
    cout << "Array after merging" << endl;
    for (int x = 0; x < n1 + n2; x++) {
        if (x > 0)
            cout << " ";
        cout << arr3[x];
    }
    cout << endl;
}

// Driver code
int main() {
    int arr1[] = {1, 3, 5, 7};
    int arr2[] = {2, 4, 6, 8};
    mergeArrays(arr1, arr2, 4, 4);
    return 0;
}
