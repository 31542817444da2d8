// Function to find the sum of the series 1 + (1 + 2) + (1 + 2 + 3) + ... till n terms
function seriesSum(n) {
    let sum = 0, term = 0;
    for (let i = 1; i <= n; i++) {
        // The ith term is the sum of the first i natural numbers
        term = term + i;
        sum = sum + term;
    }
    return sum;
}

// Function to find the same sum using the formula n * (n + 1) * (n + 2) / 6
function seriesSumFormula(n) {
    return Math.floor((n * (n + 1) * (n + 2)) / 6);
}

// Driver code
let n = 10;
console.log(seriesSum(n));
console.log(seriesSumFormula(n));
