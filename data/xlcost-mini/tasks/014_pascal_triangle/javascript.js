// Function to print the first n lines of the Pascal triangle
function printPascal(n) {
    for (let line = 1; line <= n; line++) {
        // Used to represent C(line, i)
        let C = 1;
        let row = [];
        for (let i = 1; i <= line; i++) {
            // The first value in a line is always 1
            row.push(C);
            // Compute the next binomial coefficient from the current one
            C = Math.floor(C * (line - i) / i);
        }
        console.log(row.join(" "));
    }
}

// Driver code
let n = 5;
printPascal(n);
