class GFG {
    // Function to count the number of ways to make sum using the given coins
    static long countWays(int coins[], int n, int sum) {
        // table[i] will be storing the number of solutions for value i
        long[] table = new long[sum + 1];
        // Base case (If the given value is 0)
        table[0] = 1;
        // Pick all coins one by one and update the table values
        for (int i = 0; i < n; i++)
            // Every value from the coin value upwards can use the picked coin
            for (int j = coins[i]; j <= sum; j++)
                table[j] += table[j - coins[i]];
        return table[sum];
    }

    // Driver code
    public static void main(String[] args) {
        int coins[] = { 1, 2, 3 };
        int n = coins.length;
        System.out.println(countWays(coins, n, 4));
        int coins2[] = { 2, 5, 3, 6 };
        n = coins2.length;
        System.out.println(countWays(coins2, n, 10));
    }
}
