// Function to find the nth catalan number using dynamic programming
function catalan(n) {
    // Base case
    if (n == 0 || n == 1)
        return 1;
    // Table to store results of subproblems
    let cat = new Array(n + 1).fill(0);
    // Initialize the first two values in the table
    cat[0] = 1;
    cat[1] = 1;
    // Fill the entries in cat[] using the recursive formula
    for (let i = 2; i <= n; i++)
        for (let j = 0; j < i; j++)
            cat[i] += cat[j] * cat[i - j - 1];
    // Return the last entry
    return cat[n];
}

// Driver code
let res = [];
for (let i = 0; i < 10; i++)
    res.push(catalan(i));
console.log(res.join(" "));
