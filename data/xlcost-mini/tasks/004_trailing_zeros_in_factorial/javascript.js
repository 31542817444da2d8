// Function to return trailing 0s in factorial of n
function findTrailingZeros(n) {
    // Negative number edge case
    if (n < 0)
        return -1;
    // Initialize result
    let count = 0;
    // Keep dividing n by powers of 5 and update count
    for (let i = 5; Math.floor(n / i) >= 1; i *= 5)
        count += Math.floor(n / i);
    return count;
}

// Driver code
let arr = [5, 100, 1000];
for (let n of arr)
    console.log("Count of trailing 0s in " + n + "! is " + findTrailingZeros(n));
