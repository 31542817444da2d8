#include <bits/stdc++.h>
using namespace std;

// Function to check if a character is a vowel
bool isVowel(char ch) {
    ch = tolower(ch);
    return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u';
}

// Function to count the vowels and the consonants in a string
void countVowelsConsonants(string s) {
    int vowels = 0, consonants = 0;
    for (int i = 0; i < (int)s.length(); i++) {
        char ch = s[i];
        // Only letters are vowels or consonants
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            if (isVowel(ch))
                vowels++;
            else
                consonants++;
        }
    }
    cout << "Vowels: " << vowels << endl;
    cout << "Consonants: " << consonants << endl;
}

// Driver code
int main() {
    string s = "Geeks for Geeks";
    countVowelsConsonants(s);
    return 0;
}
