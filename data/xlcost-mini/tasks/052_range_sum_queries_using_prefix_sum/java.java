class GFG {

    // Function to fill the prefix sum array
    static void fillPrefixSum(int arr[], int n, int prefixSum[]) {
        prefixSum[0] = arr[0];
        // Add the present element to the previous prefix sum
        for (int i = 1; i < n; i++)
            prefixSum[i] = prefixSum[i - 1] + arr[i];
    }

    // Function to return the sum of the elements in the range [left, right]
    static int rangeSum(int prefixSum[], int left, int right) {
        if (left == 0)
            return prefixSum[right];
        return prefixSum[right] - prefixSum[left - 1];
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {10, 4, 16, 20, 5, 6};
        int n = arr.length;
        int prefixSum[] = new int[n];
        fillPrefixSum(arr, n, prefixSum);
        System.out.println(rangeSum(prefixSum, 0, 2));
        System.out.println(rangeSum(prefixSum, 1, 4));
        System.out.println(rangeSum(prefixSum, 3, 5));
    }
}
