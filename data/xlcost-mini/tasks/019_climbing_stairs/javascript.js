// Function to count the ways to reach the nth stair when one can climb up to m stairs at a time
function countWays(n, m) {
    let res = new Array(n + 1).fill(0);
    // There is one way to stay on the ground and one way to reach the first stair
    res[0] = 1;
    res[1] = 1;
    for (let i = 2; i <= n; i++) {
        // Sum the ways of reaching each of the last m stairs
        for (let j = 1; j <= m && j <= i; j++)
            res[i] += res[i - j];
    }
    return res[n];
}

// Driver code
let s = 4, m = 2;
console.log("Number of ways = " + countWays(s, m));
s = 10;
m = 3;
console.log("Number of ways = " + countWays(s, m));
