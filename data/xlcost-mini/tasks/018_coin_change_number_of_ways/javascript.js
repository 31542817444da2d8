// Function to count the number of ways to make sum using the given coins
function countWays(coins, n, sum) {
    // table[i] will be storing the number of solutions for value i
    let table = new Array(sum + 1).fill(0);
    // Base case (If the given value is 0)
    table[0] = 1;
    // Pick all coins one by one and update the table values
    for (let i = 0; i < n; i++)
        // Every value from the coin value upwards can use the picked coin
        for (let j = coins[i]; j <= sum; j++)
            table[j] += table[j - coins[i]];
    return table[sum];
}

// Driver code
let coins = [1, 2, 3];
let n = coins.length;
console.log(countWays(coins, n, 4));
coins = [2, 5, 3, 6];
n = coins.length;
console.log(countWays(coins, n, 10));
