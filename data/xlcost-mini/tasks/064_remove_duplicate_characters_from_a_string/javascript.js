// Function to remove the duplicate characters of a string, keeping the first occurrences
function removeDuplicate(s) {
    // seen[c] becomes true once the character c has appeared
    let seen = new Array(256).fill(false);
    let result = "";
    for (let i = 0; i < s.length; i++) {
        // Append the character only at its first occurrence
        if (!seen[s.charCodeAt(i)]) {
            seen[s.charCodeAt(i)] = true;
            result += s[i];
        }
    }
    return result;
}

// Driver code
let s = "geeksforgeeks";
console.log(removeDuplicate(s));
s = "characters";
console.log(removeDuplicate(s));
