#include <bits/stdc++.h>
using namespace std;

// Function to count the frequency of each element of the array
void countFreq(int arr[], int n) {
    map<int, int> mp;
    // Traverse through array elements and count frequencies
    for (int i = 0; i < n; i++)
        mp[arr[i]]++;
    // Print the elements in increasing order along with their frequencies
    for (auto x : mp)
        cout << x.first << " " << x.second << endl;
}

// Driver code
int main() {
    int arr[] = {10, 20, 20, 10, 10, 20, 5, 20};
    int n = sizeof(arr) / sizeof(arr[0]);
    countFreq(arr, n);
    return 0;
}
