// Function to print all primes smaller than or equal to n
function sieveOfEratosthenes(n) {
    // Create a boolean array prime[0..n] and initialize all entries as true
    let prime = new Array(n + 1).fill(true);
    for (let p = 2; p * p <= n; p++) {
        // If prime[p] is not changed, then it is a prime
        if (prime[p]) {
            // Update all multiples of p
            for (let i = p * p; i <= n; i += p)
                prime[i] = false;
        }
    }
    // Collect all prime numbers
    let result = [];
    for (let p = 2; p <= n; p++) {
        if (prime[p])
            result.push(p);
    }
    console.log(result.join(" "));
}

// Driver code
let n = 30;
console.log("Following are the prime numbers smaller than or equal to " + n);
sieveOfEratosthenes(n);
