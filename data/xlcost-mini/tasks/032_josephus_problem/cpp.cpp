#include <bits/stdc++.h>
using namespace std;

// Function to find the position of the survivor when every kth person is killed among n people
int josephus(int n, int k)
{
    // Base case: only one person is left
    if (n == 1)
        return 1;
    // The survivor among n - 1 people is shifted by k positions, wrapping around the circle
    return (josephus(n - 1, k) + k - 1) % n + 1;
}

// Driver code
int main()
{
    int n = 14, k = 2;
    cout << "The chosen place is " << josephus(n, k) << endl;
    n = 7;
    k = 3;
    cout << "The chosen place is " << josephus(n, k) << endl;
    return 0;
}
