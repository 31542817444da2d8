// Function to return the value of the Binomial Coefficient C(n, k)
function binomialCoeff(n, k) {
    let C = new Array(k + 1).fill(0);
    // nC0 is 1
    C[0] = 1;
    for (let i = 1; i <= n; i++) {
        // Compute the next row of the pascal triangle using the previous row
        for (let j = Math.min(i, k); j > 0; j--)
            C[j] = C[j] + C[j - 1];
    }
    return C[k];
}

// Driver code
let n = 5, k = 2;
console.log("Value of C(" + n + ", " + k + ") is " + binomialCoeff(n, k));
n = 20;
k = 10;
console.log("Value of C(" + n + ", " + k + ") is " + binomialCoeff(n, k));
