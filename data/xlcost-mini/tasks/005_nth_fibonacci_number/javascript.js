// Function to find the nth Fibonacci number
function fib(n) {
    // Declare an array to store Fibonacci numbers
    let f = new Array(n + 2).fill(0);
    // 0th and 1st number of the series are 0 and 1
    f[0] = 0;
    f[1] = 1;
    for (let i = 2; i <= n; i++) {
        // Add the previous 2 numbers in the series and store it
        f[i] = f[i - 1] + f[i - 2];
    }
    return f[n];
}

// Driver code
let n = 9;
console.log(fib(n));
n = 40;
console.log(fib(n));
