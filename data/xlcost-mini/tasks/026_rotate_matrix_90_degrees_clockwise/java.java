class GFG {
    // Function to rotate a square matrix by 90 degrees in clockwise direction
    static void rotate90Clockwise(int a[][], int N) {
        // Traverse each cycle
        for (int i = 0; i < N / 2; i++) {
            for (int j = i; j < N - i - 1; j++) {
                // Swap the four elements of the cycle in clockwise direction
                int temp = a[i][j];
                a[i][j] = a[N - 1 - j][i];
                a[N - 1 - j][i] = a[N - 1 - i][N - 1 - j];
                a[N - 1 - i][N - 1 - j] = a[j][N - 1 - i];
                a[j][N - 1 - i] = temp;
            }
        }
    }

    // Function to print the matrix
    static void printMatrix(int a[][], int N) {
        for (int i = 0; i < N; i++) {
            StringBuilder row = new StringBuilder();
            for (int j = 0; j < N; j++) {
                if (j > 0)
                    row.append(" ");
                row.append(a[i][j]);
            }
            System.out.println(row);
        }
    }

    // Driver code
    public static void main(String[] args) {
        int arr[][] = { { 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { 9, 10, 11, 12 }, { 13, 14, 15, 16 } };
        int N = 4;
        rotate90Clockwise(arr, N);
        printMatrix(arr, N);
    }
}
