class GFG {

    // Function to find the index of a peak element using binary search
    static int findPeak(int arr[], int n) {
        int low = 0, high = n - 1;
        while (low < high) {
            int mid = low + (high - low) / 2;
            // If the middle element is smaller than its right neighbour, a peak lies on the right side
            if (arr[mid] < arr[mid + 1])
                low = mid + 1;
            // Otherwise a peak lies on the left side including mid
            else
                high = mid;
        }
        return low;
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {1, 3, 20, 4, 1, 0};
        int n = arr.length;
        System.out.println("Index of a peak point is " + findPeak(arr, n));
        int arr2[] = {5, 10, 20, 15};
        System.out.println("Index of a peak point is " + findPeak(arr2, arr2.length));
    }
}
