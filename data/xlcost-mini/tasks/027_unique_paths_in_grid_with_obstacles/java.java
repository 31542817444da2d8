class GFG {
    // Function to count the paths from the top left to the bottom right cell avoiding blocked cells
    static int uniquePathsWithObstacles(int A[][]) {
        int r = A.length, c = A[0].length;
        // Create a 2D matrix to store the count of paths, moving only right or down
        int paths[][] = new int[r][c];
        // Initialize the top left cell if it is not blocked
        if (A[0][0] == 0)
            paths[0][0] = 1;
        // Initialize the first column
        for (int i = 1; i < r; i++)
            if (A[i][0] == 0)
                paths[i][0] = paths[i - 1][0];
        // Initialize the first row
        for (int j = 1; j < c; j++)
            if (A[0][j] == 0)
                paths[0][j] = paths[0][j - 1];
        // A free cell is reached from the cell above or the cell on its left
        for (int i = 1; i < r; i++)
            for (int j = 1; j < c; j++)
                if (A[i][j] == 0)
                    paths[i][j] = paths[i - 1][j] + paths[i][j - 1];
        // Return the count for the bottom right cell
        return paths[r - 1][c - 1];
    }

    // Driver code
    public static void main(String[] args) {
        int A[][] = { { 0, 0, 0 }, { 0, 1, 0 }, { 0, 0, 0 } };
        System.out.println(uniquePathsWithObstacles(A));
        int B[][] = { { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
        System.out.println(uniquePathsWithObstacles(B));
    }
}
