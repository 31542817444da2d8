#include <bits/stdc++.h>
using namespace std;

// Function to get the number of set bits in the binary representation of n
unsigned int countSetBits(int n)
{
    unsigned int count = 0;
    while (n) {
        // Clear the least significant set bit
        n &= (n - 1);
        count++;
    }
    return count;
}

// Driver code
int main()
{
    int i = 9;
    cout << countSetBits(i) << endl;
    i = 1000;
    cout << countSetBits(i) << endl;
    return 0;
}
