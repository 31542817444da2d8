#include <bits/stdc++.h>
using namespace std;

// Function to return the run length encoding of the string
string encode(string s) {
    int n = s.length();
    string result = "";
    for (int i = 0; i < n; i++) {
        // Count the occurrences of the current character
        int count = 1;
        while (i < n - 1 && s[i] == s[i + 1]) {
            count++;
            i++;
        }
        // Append the character and its count to the result
        result += s[i];
        result += to_string(count);
    }
    return result;
}

// Driver code
int main() {
    string s = "wwwwaaadexxxxxxywww";
    cout << encode(s) << endl;
    return 0;
}
