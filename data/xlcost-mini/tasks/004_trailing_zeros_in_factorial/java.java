class GFG {
    // Function to return trailing 0s in factorial of n
    static int findTrailingZeros(int n) {
        // Negative number edge case
        if (n < 0)
            return -1;
        // Initialize result
        int count = 0;
        // Keep dividing n by powers of 5 and update count
        for (int i = 5; n / i >= 1; i *= 5)
            count += n / i;
        return count;
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = { 5, 100, 1000 };
        for (int n : arr)
            System.out.println("Count of trailing 0s in " + n + "! is " + findTrailingZeros(n));
    }
}
