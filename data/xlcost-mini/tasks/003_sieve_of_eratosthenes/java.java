class GFG {
    // Function to print all primes smaller than or equal to n
    static void sieveOfEratosthenes(int n) {
        // Create a boolean array prime[0..n] and initialize all entries as true
        boolean prime[] = new boolean[n + 1];
        for (int i = 0; i <= n; i++)
            prime[i] = true;
        for (int p = 2; p * p <= n; p++) {
            // If prime[p] is not changed, then it is a prime
            if (prime[p]) {
                // Update all multiples of p
                for (int i = p * p; i <= n; i += p)
                    prime[i] = false;
            }
        }
        // Collect all prime numbers
        StringBuilder result = new StringBuilder();
        for (int p = 2; p <= n; p++) {
            if (prime[p]) {
                if (result.length() > 0)
                    result.append(" ");
                result.append(p);
            }
        }
        System.out.println(result);
    }

    // Driver code
    public static void main(String[] args) {
        int n = 30;
        System.out.println("Following are the prime numbers smaller than or equal to " + n);
        sieveOfEratosthenes(n);
    }
}
