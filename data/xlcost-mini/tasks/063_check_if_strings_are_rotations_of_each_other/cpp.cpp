#include <bits/stdc++.h>
using namespace std;

// Function to check if str2 is a rotation of str1
bool areRotations(string str1, string str2) {
    // The lengths of both strings must be the same
    if (str1.length() != str2.length())
        return false;
    // Create a temp string with value str1 concatenated with str1
    string temp = str1 + str1;
    // Now check if str2 is a substring of temp
    return temp.find(str2) != string::npos;
}

// Driver code
int main() {
    string str1 = "AACD";
    string others[] = {"ACDA", "ACAD"};
    for (string str2 : others) {
        if (areRotations(str1, str2))
            cout << "Strings are rotations of each other" << endl;
        else
            cout << "Strings are not rotations of each other" << endl;
    }
    return 0;
}
