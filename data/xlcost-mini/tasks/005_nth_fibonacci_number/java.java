class GFG {
    // Function to find the nth Fibonacci number
    static int fib(int n) {
        // Declare an array to store Fibonacci numbers
        int f[] = new int[n + 2];
        // 0th and 1st number of the series are 0 and 1
        f[0] = 0;
        f[1] = 1;
        for (int i = 2; i <= n; i++) {
            // Add the previous 2 numbers in the series and store it
            f[i] = f[i - 1] + f[i - 2];
        }
        return f[n];
    }

    // Driver code
    public static void main(String[] args) {
        int n = 9;
        System.out.println(fib(n));
        n = 40;
        System.out.println(fib(n));
    }
}
