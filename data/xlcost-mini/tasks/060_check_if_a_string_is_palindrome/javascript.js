// Function to check whether the string is palindrome
function isPalindrome(s) {
    // Start from the leftmost and the rightmost corners of s
    let low = 0;
    let high = s.length - 1;
    // Keep comparing characters while they are same
    while (high > low) {
        if (s[low] != s[high])
            return false;
        low++;
        high--;
    }
    return true;
}

// Driver code
for (let s of ["abba", "geeks"]) {
    if (isPalindrome(s))
        console.log(s + " is palindrome");
    else
        console.log(s + " is not palindrome");
}
