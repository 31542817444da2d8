#include <bits/stdc++.h>
using namespace std;

// Function to print the next greater element for every element of the array
void printNGE(int arr[], int n) {
    vector<int> nge(n, -1);
    stack<int> s;
    // Traverse the array from right to left
    for (int i = n - 1; i >= 0; i--) {
        // Pop the elements that are not greater than the current element
        while (!s.empty() && s.top() <= arr[i])
            s.pop();
        // If the stack is not empty, its top is the next greater element
        if (!s.empty())
            nge[i] = s.top();
        // Push the current element onto the stack
        s.push(arr[i]);
    }
    for (int i = 0; i < n; i++)
        cout << arr[i] << " --> " << nge[i] << endl;
}

// Driver code
int main() {
    int arr[] = {11, 13, 21, 3};
    int n = sizeof(arr) / sizeof(arr[0]);
    printNGE(arr, n);
    return 0;
}
