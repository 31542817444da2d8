#include <bits/stdc++.h>
using namespace std;

// Number of possible characters
#define NO_OF_CHARS 256

// Function to check whether two strings are anagram of each other
bool areAnagram(string str1, string str2) {
    // If both strings are of different length, they cannot be anagrams
    if (str1.length() != str2.length())
        return false;
    // Create a count array and initialize all values as 0
    int count[NO_OF_CHARS] = {0};
    // Increment the count for characters of str1 and decrement it for characters of str2
    for (int i = 0; i < (int)str1.length(); i++) {
        count[(unsigned char)str1[i]]++;
        count[(unsigned char)str2[i]]--;
    }
    // See if there is any non-zero value in the count array
    for (int i = 0; i < NO_OF_CHARS; i++)
        if (count[i] != 0)
            return false;
    return true;
}

// Driver code
int main() {
    string str1 = "listen";
    string str2 = "silent";
    if (areAnagram(str1, str2))
        cout << "The two strings are anagram of each other" << endl;
    else
        cout << "The two strings are not anagram of each other" << endl;
    str1 = "abcd";
    str2 = "abce";
    if (areAnagram(str1, str2))
        cout << "The two strings are anagram of each other" << endl;
    else
        cout << "The two strings are not anagram of each other" << endl;
    return 0;
}
