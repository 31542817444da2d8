class GFG {
    // Function to store the transpose of A[][] in B[][]
    static void transpose(int A[][], int B[][], int M, int N) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < M; j++)
                // Row i of B is column i of A
                B[i][j] = A[j][i];
    }

    // Driver code
    public static void main(String[] args) {
        int A[][] = { { 1, 2, 3 }, { 4, 5, 6 } };
        int M = A.length;
        int N = A[0].length;
        // B has N rows and M columns
        int B[][] = new int[N][M];
        transpose(A, B, M, N);
        System.out.println("Result matrix is");
        for (int i = 0; i < N; i++) {
            StringBuilder row = new StringBuilder();
            for (int j = 0; j < M; j++) {
                if (j > 0)
                    row.append(" ");
                row.append(B[i][j]);
            }
            System.out.println(row);
        }
    }
}
