#include <bits/stdc++.h>
using namespace std;

// Function to find the equilibrium index of an array
int equilibrium(int arr[], int n) {
    // Find sum of the whole array
    int total_sum = 0;
    for (int i = 0; i < n; i++)
        total_sum += arr[i];
    // Initialize leftsum
    int leftsum = 0;
    for (int i = 0; i < n; i++) {
        // total_sum is now the right sum for index i
        total_sum -= arr[i];
        if (leftsum == total_sum)
            return i;
        leftsum += arr[i];
    }
    // If no equilibrium index found, then return -1
    return -1;
}

// Driver code
int main() {
    int arr[] = {-7, 1, 5, 2, -4, 3, 0};
    cout << "First equilibrium index is " << equilibrium(arr, 7) << endl;
    int arr2[] = {1, 2, 3};
    cout << "First equilibrium index is " << equilibrium(arr2, 3) << endl;
    return 0;
}
