class GFG {

    // Function to check if there is a pair in sorted A[] with sum equal to X
    static boolean isPairSum(int A[], int N, int X) {
        // Represents first pointer
        int i = 0;
        // Represents second pointer
        int j = N - 1;
        while (i < j) {
            // If we find a pair
            if (A[i] + A[j] == X)
                return true;
            // If the sum of the elements at the pointers is less, move to higher values
            else if (A[i] + A[j] < X)
                i++;
            // If the sum of the elements at the pointers is more, move to lower values
            else
                j--;
        }
        return false;
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {2, 3, 5, 8, 9, 10, 11};
        int N = arr.length;
        int vals[] = {17, 4};
        for (int val : vals) {
            if (isPairSum(arr, N, val))
                System.out.println("Yes");
            else
                System.out.println("No");
        }
    }
}
