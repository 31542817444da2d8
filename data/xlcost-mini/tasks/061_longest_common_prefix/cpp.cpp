#include <bits/stdc++.h>
using namespace std;

// Function to find the longest common prefix of two strings
string commonPrefixUtil(string str1, string str2) {
    string result = "";
    int n1 = str1.length(), n2 = str2.length();
    // Compare str1 and str2 character by character
    for (int i = 0; i < n1 && i < n2; i++) {
        if (str1[i] != str2[i])
            break;
        result.push_back(str1[i]);
    }
    return result;
}

// Function to print the longest common prefix of all the strings in arr[]
void commonPrefix(string arr[], int n) {
    string prefix = arr[0];
    // Keep the common prefix of the result so far and the next string
    for (int i = 1; i < n; i++)
        prefix = commonPrefixUtil(prefix, arr[i]);
    if (prefix.length() > 0)
        cout << "The longest common prefix is " << prefix << endl;
    else
        cout << "There is no common prefix" << endl;
}

// Driver code
int main() {
    string arr[] = {"geeksforgeeks", "geeks", "geek", "geezer"};
    commonPrefix(arr, 4);
    string arr2[] = {"dog", "racecar", "car"};
    commonPrefix(arr2, 3);
    return 0;
}
