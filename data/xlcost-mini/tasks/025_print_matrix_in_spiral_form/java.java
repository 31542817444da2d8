import java.util.*;

class GFG {
    // Function to print a matrix in spiral form
    static void spiralPrint(int m, int n, int a[][]) {
        // k is the starting row, m the ending row, left the starting column and n the ending column
        int k = 0, left = 0;
        ArrayList<Integer> result = new ArrayList<Integer>();
        while (k < m && left < n) {
            // Print the first row from the remaining rows
            for (int i = left; i < n; ++i)
                result.add(a[k][i]);
            k++;
            // Print the last column from the remaining columns
            for (int i = k; i < m; ++i)
                result.add(a[i][n - 1]);
            n--;
            // Print the last row from the remaining rows
            if (k < m) {
                for (int i = n - 1; i >= left; --i)
                    result.add(a[m - 1][i]);
                m--;
            }
            // Print the first column from the remaining columns
            if (left < n) {
                for (int i = m - 1; i >= k; --i)
                    result.add(a[i][left]);
                left++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < result.size(); i++) {
            if (i > 0)
                sb.append(" ");
            sb.append(result.get(i));
        }
        System.out.println(sb);
    }

    // Driver code
    public static void main(String[] args) {
        int a[][] = { { 1, 2, 3, 4, 5, 6 }, { 7, 8, 9, 10, 11, 12 }, { 13, 14, 15, 16, 17, 18 } };
        int R = 3, C = 6;
        spiralPrint(R, C, a);
    }
}
