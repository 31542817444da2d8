class GFG {

    // Function to merge two sorted halves and count the inversions across them
    static int mergeAndCount(int arr[], int temp[], int left, int mid, int right) {
        int i = left, j = mid + 1, k = left;
        int inv_count = 0;
        while (i <= mid && j <= right) {
            if (arr[i] <= arr[j]) {
                temp[k] = arr[i];
                i++;
            } else {
                // All the remaining elements of the left half are greater than arr[j]
                temp[k] = arr[j];
                inv_count += mid - i + 1;
                j++;
            }
            k++;
        }
        // Copy the remaining elements of the left half
        while (i <= mid)
            temp[k++] = arr[i++];
        // Copy the remaining elements of the right half
        while (j <= right)
            temp[k++] = arr[j++];
        // Copy back the merged elements to the original array
        for (int x = left; x <= right; x++)
            arr[x] = temp[x];
        return inv_count;
    }

    // Function to sort the array using merge sort and return the inversion count
    static int mergeSortAndCount(int arr[], int temp[], int left, int right) {
        int inv_count = 0;
        if (left < right) {
            int mid = (left + right) / 2;
            inv_count += mergeSortAndCount(arr, temp, left, mid);
            inv_count += mergeSortAndCount(arr, temp, mid + 1, right);
            inv_count += mergeAndCount(arr, temp, left, mid, right);
        }
        return inv_count;
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {1, 20, 6, 4, 5};
        int n = arr.length;
        int temp[] = new int[n];
        System.out.println("Number of inversions are " + mergeSortAndCount(arr, temp, 0, n - 1));
    }
}
