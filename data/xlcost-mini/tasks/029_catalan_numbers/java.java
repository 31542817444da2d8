class GFG {
    // Function to find the nth catalan number using dynamic programming
    static int catalan(int n) {
        // Base case
        if (n == 0 || n == 1)
            return 1;
        // Table to store results of subproblems
        int cat[] = new int[n + 1];
        // Initialize the first two values in the table
        cat[0] = 1;
        cat[1] = 1;
        // Fill the entries in cat[] using the recursive formula
        for (int i = 2; i <= n; i++)
            for (int j = 0; j < i; j++)
                cat[i] += cat[j] * cat[i - j - 1];
        // Return the last entry
        return cat[n];
    }

    // Driver code
    public static void main(String[] args) {
        StringBuilder res = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i > 0)
                res.append(" ");
            res.append(catalan(i));
        }
        System.out.println(res);
    }
}
