class GFG {
    // Function to find the largest sum of a contiguous subarray
    static int maxSubArraySum(int a[], int size) {
        int max_so_far = a[0];
        int curr_max = a[0];
        for (int i = 1; i < size; i++) {
            // Either extend the previous subarray or start a new one at a[i]
            curr_max = Math.max(a[i], curr_max + a[i]);
            // Update the overall maximum
            max_so_far = Math.max(max_so_far, curr_max);
        }
        return max_so_far;
    }

    // Driver code
    public static void main(String[] args) {
        int a[] = { -2, -3, 4, -1, -2, 1, 5, -3 };
        System.out.println("Maximum contiguous sum is " + maxSubArraySum(a, a.length));
        int b[] = { -5, -1, -8 };
        System.out.println("Maximum contiguous sum is " + maxSubArraySum(b, b.length));
    }
}
