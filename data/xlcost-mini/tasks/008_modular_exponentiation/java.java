class GFG {
    // Iterative function to calculate (x ^ y) % p in O(log y)
    static long power(long x, long y, long p) {
        // Initialize result
        long res = 1;
        // Update x if it is more than or equal to p
        x = x % p;
        // In case x is divisible by p
        if (x == 0)
            return 0;
        while (y > 0) {
            // If y is odd, multiply x with result
            if ((y & 1) == 1)
                res = (res * x) % p;
            // y must be even now
            y = y >> 1;
            x = (x * x) % p;
        }
        return res;
    }

    // Driver code
    public static void main(String[] args) {
        long x = 2, y = 5, p = 13;
        System.out.println("Power is " + power(x, y, p));
        x = 3;
        y = 200;
        p = 1000003;
        System.out.println("Power is " + power(x, y, p));
    }
}
