class GFG {
    // Function to find the sum of the series 1 + (1 + 2) + (1 + 2 + 3) + ... till n terms
    static int seriesSum(int n) {
        int sum = 0, term = 0;
        for (int i = 1; i <= n; i++) {
            // The ith term is the sum of the first i natural numbers
            term = term + i;
            sum = sum + term;
        }
        return sum;
    }

    // Function to find the same sum using the formula n * (n + 1) * (n + 2) / 6
    static int seriesSumFormula(int n) {
        return (n * (n + 1) * (n + 2)) / 6;
    }

    // Driver code
    public static void main(String[] args) {
        int n = 10;
        System.out.println(seriesSum(n));
        System.out.println(seriesSumFormula(n));
    }
}
