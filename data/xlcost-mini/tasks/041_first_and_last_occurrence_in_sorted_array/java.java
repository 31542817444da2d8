class GFG {

    // Function to find the first occurrence of x in sorted arr[]
    static int firstOccurrence(int arr[], int n, int x) {
        int low = 0, high = n - 1, res = -1;
        while (low <= high) {
            int mid = low + (high - low) / 2;
            if (arr[mid] > x)
                high = mid - 1;
            else if (arr[mid] < x)
                low = mid + 1;
            // If arr[mid] is equal to x, store it and keep searching in the left half
            else {
                res = mid;
                high = mid - 1;
            }
        }
        return res;
    }

    // Function to find the last occurrence of x in sorted arr[]
    static int lastOccurrence(int arr[], int n, int x) {
        int low = 0, high = n - 1, res = -1;
        while (low <= high) {
            int mid = low + (high - low) / 2;
            if (arr[mid] > x)
                high = mid - 1;
            else if (arr[mid] < x)
                low = mid + 1;
            // If arr[mid] is equal to x, store it and keep searching in the right half
            else {
                res = mid;
                low = mid + 1;
            }
        }
        return res;
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {1, 2, 2, 2, 2, 3, 4, 7, 8, 8};
        int n = arr.length;
        int x = 2;
        System.out.println("First Occurrence = " + firstOccurrence(arr, n, x));
        System.out.println("Last Occurrence = " + lastOccurrence(arr, n, x));
    }
}
