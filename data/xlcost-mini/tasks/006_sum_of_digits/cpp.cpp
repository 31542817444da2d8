#include <bits/stdc++.h>
using namespace std;

// Function to get the sum of digits of n
int getSum(int n)
{
    int sum = 0;
    while (n != 0) {
        // Add the last digit to sum
        sum = sum + n % 10;
        // Remove the last digit
        n = n / 10;
    }
    return sum;
}

// Driver code
int main()
{
    int n = 687;
    cout << "Sum of digits of " << n << " is " << getSum(n) << endl;
    n = 12345;
    cout << "Sum of digits of " << n << " is " << getSum(n) << endl;
    return 0;
}
