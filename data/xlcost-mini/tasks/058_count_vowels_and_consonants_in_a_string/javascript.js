// Function to check if a character is a vowel
function isVowel(ch) {
    ch = ch.toLowerCase();
    return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u';
}

// Function to count the vowels and the consonants in a string
function countVowelsConsonants(s) {
    let vowels = 0, consonants = 0;
    for (let i = 0; i < s.length; i++) {
        let ch = s[i];
        // Only letters are vowels or consonants
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            if (isVowel(ch))
                vowels++;
            else
                consonants++;
        }
    }
    console.log("Vowels: " + vowels);
    console.log("Consonants: " + consonants);
}

// Driver code
let s = "Geeks for Geeks";
countVowelsConsonants(s);
