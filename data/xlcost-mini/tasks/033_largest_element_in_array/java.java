class GFG {

    // Function to find the largest element in arr[]
    static int largest(int arr[], int n) {
        // Initialize maximum element
        int mx = arr[0];
        // Traverse array elements from second and compare every element with current max
        for (int i = 1; i < n; i++) {
            if (arr[i] > mx) {
                mx = arr[i];
            }
        }
        return mx;
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {10, 324, 45, 90, 9808};
        int n = arr.length;
        System.out.println("Largest in given array is " + largest(arr, n));
    }
}
