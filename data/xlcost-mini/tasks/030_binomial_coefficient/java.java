class GFG {
    // Function to return the value of the Binomial Coefficient C(n, k)
    static int binomialCoeff(int n, int k) {
        int C[] = new int[k + 1];
        // nC0 is 1
        C[0] = 1;
        for (int i = 1; i <= n; i++) {
            // Compute the next row of the pascal triangle using the previous row
            for (int j = Math.min(i, k); j > 0; j--)
                C[j] = C[j] + C[j - 1];
        }
        return C[k];
    }

    // Driver code
    public static void main(String[] args) {
        int n = 5, k = 2;
        System.out.println("Value of C(" + n + ", " + k + ") is " + binomialCoeff(n, k));
        n = 20;
        k = 10;
        System.out.println("Value of C(" + n + ", " + k + ") is " + binomialCoeff(n, k));
    }
}
