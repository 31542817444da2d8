#include <bits/stdc++.h>
using namespace std;

// Function to find the candidate for majority
int findCandidate(int A[], int size) {
    int maj_index = 0, count = 1;
    for (int i = 1; i < size; i++) {
        if (A[maj_index] == A[i])
            count++;
        else
            count--;
        if (count == 0) {
            maj_index = i;
            count = 1;
        }
    }
    return A[maj_index];
}

// Function to check if the candidate occurs more than n / 2 times
bool isMajority(int A[], int size, int cand) {
    int count = 0;
    for (int i = 0; i < size; i++)
        if (A[i] == cand)
            count++;
    return count > size / 2;
}

// Function to print the majority element
void printMajority(int A[], int size) {
    // Find the candidate for majority
    int cand = findCandidate(A, size);
    // Print the candidate if it is majority
    if (isMajority(A, size, cand))
        cout << cand << endl;
    else
        cout << "No Majority Element" << endl;
}

// Driver code
int main() {
    int A[] = {1, 3, 3, 1, 2};
    printMajority(A, 5);
    int B[] = {2, 2, 3, 2, 5, 2, 2};
    printMajority(B, 7);
    return 0;
}
