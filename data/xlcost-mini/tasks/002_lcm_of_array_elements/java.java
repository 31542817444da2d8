class GFG {
    // Function to return gcd of a and b
    static int gcd(int a, int b) {
        if (a == 0)
            return b;
        return gcd(b % a, a);
    }

    // Function to find lcm of the array elements
    static int findLcm(int arr[], int n) {
        // Initialize result
        int ans = arr[0];
        // ans contains the lcm of arr[0] to arr[i] after the ith iteration
        for (int i = 1; i < n; i++)
            ans = (arr[i] * ans) / gcd(arr[i], ans);
        return ans;
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = { 2, 7, 3, 9, 4 };
        int n = arr.length;
        System.out.println(findLcm(arr, n));
        int arr2[] = { 1, 2, 8, 3 };
        n = arr2.length;
        System.out.println(findLcm(arr2, n));
    }
}
