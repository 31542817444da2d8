// Function to reverse the order of the words in a string
function reverseWords(s) {
    // Split the string into words separated by spaces
    let words = s.split(" ");
    let result = "";
    // Append the words from the last one to the first one
    for (let i = words.length - 1; i >= 0; i--) {
        result += words[i];
        if (i != 0)
            result += " ";
    }
    return result;
}

// Driver code
let s = "geeks quiz practice code";
console.log(reverseWords(s));
s = "i like this program very much";
console.log(reverseWords(s));
