// Utility function to return the sum of squares of the digits of n
function numSquareSum(n) {
    let squareSum = 0;
    while (n != 0) {
        squareSum += (n % 10) * (n % 10);
        n = Math.floor(n / 10);
    }
    return squareSum;
}

// Function to check whether n is a happy number using slow and fast pointers
function isHappyNumber(n) {
    // Initialize slow and fast by n
    let slow = n, fast = n;
    while (true) {
        // Move the slow number by one iteration
        slow = numSquareSum(slow);
        // Move the fast number by two iterations
        fast = numSquareSum(numSquareSum(fast));
        // The two numbers meet once the sequence enters a cycle
        if (slow == fast)
            break;
    }
    // If both numbers meet at 1, then n is a happy number
    return (slow == 1);
}

// Driver code
let arr = [13, 4, 19];
for (let n of arr) {
    if (isHappyNumber(n))
        console.log(n + " is a Happy number");
    else
        console.log(n + " is not a Happy number");
}
