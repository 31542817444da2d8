// Function to count the divisors of n
function countDivisors(n) {
    let cnt = 0;
    // Divisors come in pairs, so check only up to the square root of n
    for (let i = 1; i * i <= n; i++) {
        if (n % i == 0) {
            // If divisors are equal, count only one
            if (n / i == i)
                cnt++;
            // Otherwise count both
            else
                cnt = cnt + 2;
        }
    }
    return cnt;
}

// Driver code
console.log("Total distinct divisors of 100 are : " + countDivisors(100));
console.log("Total distinct divisors of 360 are : " + countDivisors(360));
