#include <bits/stdc++.h>
using namespace std;

// Function to print leaders in an array
void printLeaders(int arr[], int size) {
    vector<int> leaders;
    // Rightmost element is always leader
    int max_from_right = arr[size - 1];
    leaders.push_back(max_from_right);
    // Scan from right to left and keep track of the maximum so far
    for (int i = size - 2; i >= 0; i--) {
        if (max_from_right < arr[i]) {
            max_from_right = arr[i];
            leaders.push_back(max_from_right);
        }
    }
    // Leaders were found from right to left, so print them in reverse order
    reverse(leaders.begin(), leaders.end());
    for (int i = 0; i < (int)leaders.size(); i++) {
        if (i > 0)
            cout << " ";
        cout << leaders[i];
    }
    cout << endl;
}

// Driver code
int main() {
    int arr[] = {16, 17, 4, 3, 5, 2};
    int n = sizeof(arr) / sizeof(arr[0]);
    printLeaders(arr, n);
    return 0;
}
