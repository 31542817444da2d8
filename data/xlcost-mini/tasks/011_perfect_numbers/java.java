class GFG {
    // Returns true if n is a perfect number
    static boolean isPerfect(int n) {
        // To store the sum of divisors
        int sum = 1;
        // Find all divisors and add them
        for (int i = 2; i * i <= n; i++) {
            if (n % i == 0) {
                // If both divisors are different, add both of them
                if (i * i != n)
                    sum = sum + i + n / i;
                else
                    sum = sum + i;
            }
        }
        // If the sum of divisors is equal to n, then n is a perfect number
        return sum == n && n != 1;
    }

    // Driver code
    public static void main(String[] args) {
        System.out.println("Below are all perfect numbers till 10000");
        for (int n = 2; n < 10000; n++)
            if (isPerfect(n))
                System.out.println(n + " is a perfect number");
    }
}
