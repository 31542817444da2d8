class GFG {
    // Function to count the ways to reach the nth stair when one can climb up to m stairs at a time
    static int countWays(int n, int m) {
        int res[] = new int[n + 1];
        // There is one way to stay on the ground and one way to reach the first stair
        res[0] = 1;
        res[1] = 1;
        for (int i = 2; i <= n; i++) {
            // Sum the ways of reaching each of the last m stairs
            for (int j = 1; j <= m && j <= i; j++)
                res[i] += res[i - j];
        }
        return res[n];
    }

    // Driver code
    public static void main(String[] args) {
        int s = 4, m = 2;
        System.out.println("Number of ways = " + countWays(s, m));
        s = 10;
        m = 3;
        System.out.println("Number of ways = " + countWays(s, m));
    }
}
