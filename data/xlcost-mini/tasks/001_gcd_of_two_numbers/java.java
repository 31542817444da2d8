class GFG {
    // Recursive function to return gcd of a and b
    static int gcd(int a, int b) {
        // Everything divides 0
        if (b == 0)
            return a;
        // gcd of a and b is the same as gcd of b and a % b
        return gcd(b, a % b);
    }

    // Driver code
    public static void main(String[] args) {
        int a = 98, b = 56;
        System.out.println("GCD of " + a + " and " + b + " is " + gcd(a, b));
        a = 270;
        b = 192;
        System.out.println("GCD of " + a + " and " + b + " is " + gcd(a, b));
    }
}
