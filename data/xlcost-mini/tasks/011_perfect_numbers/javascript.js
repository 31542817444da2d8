// Returns true if n is a perfect number
function isPerfect(n) {
    // To store the sum of divisors
    let sum = 1;
    // Find all divisors and add them
    for (let i = 2; i * i <= n; i++) {
        if (n % i == 0) {
            // If both divisors are different, add both of them
            if (i * i != n)
                sum = sum + i + Math.floor(n / i);
            else
                sum = sum + i;
        }
    }
    // If the sum of divisors is equal to n, then n is a perfect number
    return sum == n && n != 1;
}

// Driver code
console.log("Below are all perfect numbers till 10000");
for (let n = 2; n < 10000; n++)
    if (isPerfect(n))
        console.log(n + " is a perfect number");
