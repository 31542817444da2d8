// Number of possible characters
const NO_OF_CHARS = 256;

// Function to check whether two strings are anagram of each other
function areAnagram(str1, str2) {
    // If both strings are of different length, they cannot be anagrams
    if (str1.length != str2.length)
        return false;
    // Create a count array and initialize all values as 0
    let count = new Array(NO_OF_CHARS).fill(0);
    // Increment the count for characters of str1 and decrement it for characters of str2
    for (let i = 0; i < str1.length; i++) {
        count[str1.charCodeAt(i)]++;
        count[str2.charCodeAt(i)]--;
    }
    // See if there is any non-zero value in the count array
    for (let i = 0; i < NO_OF_CHARS; i++)
        if (count[i] != 0)
            return false;
    return true;
}

// Driver code
let str1 = "listen";
let str2 = "silent";
if (areAnagram(str1, str2))
    console.log("The two strings are anagram of each other");
else
    console.log("The two strings are not anagram of each other");
str1 = "abcd";
str2 = "abce";
if (areAnagram(str1, str2))
    console.log("The two strings are anagram of each other");
else
    console.log("The two strings are not anagram of each other");
