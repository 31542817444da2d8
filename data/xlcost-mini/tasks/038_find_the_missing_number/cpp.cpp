#include <bits/stdc++.h>
using namespace std;

// Function to find the missing number in an array of numbers from 1 to n + 1
int getMissingNo(int a[], int n) {
    // Sum of the first n + 1 natural numbers
    int total = (n + 1) * (n + 2) / 2;
    // Subtract every array element from the total
    for (int i = 0; i < n; i++)
        total -= a[i];
    return total;
}

// Driver code
int main() {
    int arr[] = {1, 2, 3, 5};
    int N = sizeof(arr) / sizeof(arr[0]);
    cout << getMissingNo(arr, N) << endl;
    int arr2[] = {1, 2, 4, 5, 6};
    cout << getMissingNo(arr2, 5) << endl;
    return 0;
}
