class GFG {
    // Function to get the sum of digits of n
    static int getSum(int n) {
        int sum = 0;
        while (n != 0) {
            // Add the last digit to sum
            sum = sum + n % 10;
            // Remove the last digit
            n = n / 10;
        }
        return sum;
    }

    // Driver code
    public static void main(String[] args) {
        int n = 687;
        System.out.println("Sum of digits of " + n + " is " + getSum(n));
        n = 12345;
        System.out.println("Sum of digits of " + n + " is " + getSum(n));
    }
}
