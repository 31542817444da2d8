// Function to get the sum of digits of n
function getSum(n) {
    let sum = 0;
    while (n != 0) {
        // Add the last digit to sum
        sum = sum + n % 10;
        // Remove the last digit
        n = Math.floor(n / 10);
    }
    return sum;
}

// Driver code
let n = 687;
console.log("Sum of digits of " + n + " is " + getSum(n));
n = 12345;
console.log("Sum of digits of " + n + " is " + getSum(n));
