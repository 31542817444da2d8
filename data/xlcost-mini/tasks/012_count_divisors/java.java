class GFG {
    // Function to count the divisors of n
    static int countDivisors(int n) {
        int cnt = 0;
        // Divisors come in pairs, so check only up to the square root of n
        for (int i = 1; i * i <= n; i++) {
            if (n % i == 0) {
                // If divisors are equal, count only one
                if (n / i == i)
                    cnt++;
                // Otherwise count both
                else
                    cnt = cnt + 2;
            }
        }
        return cnt;
    }

    // Driver code
    public static void main(String[] args) {
        System.out.println("Total distinct divisors of 100 are : " + countDivisors(100));
        System.out.println("Total distinct divisors of 360 are : " + countDivisors(360));
    }
}
