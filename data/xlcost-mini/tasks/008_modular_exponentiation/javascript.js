// Iterative function to calculate (x ^ y) % p in O(log y)
function power(x, y, p) {
    // Initialize result
    let res = 1;
    // Update x if it is more than or equal to p
    x = x % p;
    // In case x is divisible by p
    if (x == 0)
        return 0;
    while (y > 0) {
        // If y is odd, multiply x with result
        if ((y & 1) == 1)
            res = (res * x) % p;
        // y must be even now
        y = y >> 1;
        x = (x * x) % p;
    }
    return res;
}

// Driver code
let x = 2, y = 5, p = 13;
console.log("Power is " + power(x, y, p));
x = 3;
y = 200;
p = 1000003;
console.log("Power is " + power(x, y, p));
