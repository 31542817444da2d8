class GFG {
    // Function to print the first n lines of the Pascal triangle
    static void printPascal(int n) {
        for (int line = 1; line <= n; line++) {
            // Used to represent C(line, i)
            int C = 1;
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= line; i++) {
                // The first value in a line is always 1
                if (i > 1)
                    row.append(" ");
                row.append(C);
                // Compute the next binomial coefficient from the current one
                C = C * (line - i) / i;
            }
            System.out.println(row);
        }
    }

    // Driver code
    public static void main(String[] args) {
        int n = 5;
        printPascal(n);
    }
}
