# Function to count the number of ways to make sum using the given coins
def countWays(coins, n, sum):
    # table[i] will be storing the number of solutions for value i
    table = [0] * (sum + 1)
    # Base case (If the given value is 0)
    table[0] = 1
    # Pick all coins one by one and update the table values
    for i in range(n):
        # Every value from the coin value upwards can use the picked coin
        for j in range(coins[i], sum + 1):
            table[j] += table[j - coins[i]]
    return table[sum]


# Driver code
coins = [1, 2, 3]
n = len(coins)
print(countWays(coins, n, 4))
coins = [2, 5, 3, 6]
n = len(coins)
print(countWays(coins, n, 10))
