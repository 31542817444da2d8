// Function to reverse the digits of num
function reverseDigits(num) {
    let rev_num = 0;
    while (num > 0) {
        // Append the last digit of num to rev_num
        rev_num = rev_num * 10 + num % 10;
        num = Math.floor(num / 10);
    }
    return rev_num;
}

// Function to check if n is a palindrome
function isPalindrome(n) {
    // A number is a palindrome if it is equal to its reverse
    return reverseDigits(n) == n;
}

// Driver code
let arr = [12321, 4562, 9889];
for (let n of arr) {
    if (isPalindrome(n))
        console.log("Yes");
    else
        console.log("No");
}
