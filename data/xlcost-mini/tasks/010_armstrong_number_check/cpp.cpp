#include <bits/stdc++.h>
using namespace std;

// Function to calculate x raised to the power y
int power(int x, unsigned int y)
{
    if (y == 0)
        return 1;
    if (y % 2 == 0)
        return power(x, y / 2) * power(x, y / 2);
    return x * power(x, y / 2) * power(x, y / 2);
}

// Function to calculate the order of the number
int order(int x)
{
    // Variable to store the number of digits
    int n = 0;
    while (x) {
        n++;
        x = x / 10;
    }
    return n;
}

// Function to check whether the given number is an Armstrong number or not
bool isArmstrong(int x)
{
    int n = order(x);
    int temp = x, sum1 = 0;
    while (temp) {
        int r = temp % 10;
        sum1 += power(r, n);
        temp = temp / 10;
    }
    // If the condition satisfies
    return (sum1 == x);
}

// Driver code
int main()
{
    int arr[] = { 153, 1253, 9474 };
    for (int x : arr) {
        if (isArmstrong(x))
            cout << x << " is an Armstrong number" << endl;
        else
            cout << x << " is not an Armstrong number" << endl;
    }
    return 0;
}
