#include <bits/stdc++.h>
using namespace std;

// Function to check whether the string is palindrome
bool isPalindrome(string s) {
    // Start from the leftmost and the rightmost corners of s
    int low = 0;
    int high = s.length() - 1;
    // Keep comparing characters while they are same
    while (high > low) {
        if (s[low] != s[high])
            return false;
        low++;
        high--;
    }
    return true;
}

// Driver code
int main() {
    string words[] = {"abba", "geeks"};
    for (string s : words) {
        if (isPalindrome(s))
            cout << s << " is palindrome" << endl;
        else
            cout << s << " is not palindrome" << endl;
    }
    return 0;
}
