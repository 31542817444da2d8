class GFG {

    // Function to find the equilibrium index of an array
    static int equilibrium(int arr[], int n) {
        // Find sum of the whole array
        int total_sum = 0;
        for (int i = 0; i < n; i++)
            total_sum += arr[i];
        // Initialize leftsum
        int leftsum = 0;
        for (int i = 0; i < n; i++) {
            // total_sum is now the right sum for index i
            total_sum -= arr[i];
            if (leftsum == total_sum)
                return i;
            leftsum += arr[i];
        }
        // If no equilibrium index found, then return -1
        return -1;
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {-7, 1, 5, 2, -4, 3, 0};
        System.out.println("First equilibrium index is " + equilibrium(arr, arr.length));
        int arr2[] = {1, 2, 3};
        System.out.println("First equilibrium index is " + equilibrium(arr2, arr2.length));
    }
}
