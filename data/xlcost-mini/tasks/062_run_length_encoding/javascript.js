// Function to return the run length encoding of the string
function encode(s) {
    let n = s.length;
    let result = "";
    for (let i = 0; i < n; i++) {
        // Count the occurrences of the current character
        let count = 1;
        while (i < n - 1 && s[i] == s[i + 1]) {
            count++;
            i++;
        }
        // Append the character and its count to the result
        result = result + s[i] + count;
    }
    return result;
}

// Driver code
let s = "wwwwaaadexxxxxxywww";
console.log(encode(s));
