// Returns the maximum value that can be put in a knapsack of capacity W
function knapSack(W, wt, val, n) {
    let K = new Array(n + 1);
    for (let i = 0; i <= n; i++)
        K[i] = new Array(W + 1).fill(0);
    // Build table K[][] in bottom up manner
    for (let i = 0; i <= n; i++) {
        for (let w = 0; w <= W; w++) {
            if (i == 0 || w == 0)
                K[i][w] = 0;
            else if (wt[i - 1] <= w)
                // Either include the ith item or leave it out
                K[i][w] = Math.max(val[i - 1] + K[i - 1][w - wt[i - 1]], K[i - 1][w]);
            else
                K[i][w] = K[i - 1][w];
        }
    }
    return K[n][W];
}

// Driver code
let val = [60, 100, 120];
let wt = [10, 20, 30];
let W = 50;
let n = val.length;
console.log(knapSack(W, wt, val, n));
