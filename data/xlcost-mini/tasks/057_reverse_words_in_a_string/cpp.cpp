#include <bits/stdc++.h>
using namespace std;

// Function to reverse the order of the words in a string
string reverseWords(string s) {
    // Split the string into words separated by spaces
    vector<string> words;
    stringstream ss(s);
    string word;
    while (getline(ss, word, ' '))
        words.push_back(word);
    string result = "";
    // Append the words from the last one to the first one
    for (int i = words.size() - 1; i >= 0; i--) {
        result += words[i];
        if (i != 0)
            result += " ";
    }
    return result;
}

// Driver code
int main() {
    string s = "geeks quiz practice code";
    cout << reverseWords(s) << endl;
    s = "i like this program very much";
    cout << reverseWords(s) << endl;
    return 0;
}
