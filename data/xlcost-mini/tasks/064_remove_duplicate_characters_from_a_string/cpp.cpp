#include <bits/stdc++.h>
using namespace std;

// Function to remove the duplicate characters of a string, keeping the first occurrences
string removeDuplicate(string s) {
    // seen[c] becomes true once the character c has appeared
    bool seen[256] = {false};
    string result = "";
    for (int i = 0; i < (int)s.length(); i++) {
        // Append the character only at its first occurrence
        if (!seen[(unsigned char)s[i]]) {
            seen[(unsigned char)s[i]] = true;
            result += s[i];
        }
    }
    return result;
}

// Driver code
int main() {
    string s = "geeksforgeeks";
    cout << removeDuplicate(s) << endl;
    s = "characters";
    cout << removeDuplicate(s) << endl;
    return 0;
}
