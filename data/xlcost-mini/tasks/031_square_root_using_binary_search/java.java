class GFG {
    // Function to return the floor of the square root of x
    static long floorSqrt(long x) {
        // Base cases
        if (x == 0 || x == 1)
            return x;
        // Do binary search for floor(sqrt(x))
        long start = 1, end = x / 2, ans = 0;
        while (start <= end) {
            long mid = (start + end) / 2;
            // If x is a perfect square
            if (mid * mid == x)
                return mid;
            // Since we need the floor, update the answer when mid * mid is smaller than x
            if (mid * mid < x) {
                start = mid + 1;
                ans = mid;
            }
            // If mid * mid is greater than x
            else
                end = mid - 1;
        }
        return ans;
    }

    // Driver code
    public static void main(String[] args) {
        long arr[] = { 11, 16, 1000000007 };
        for (long x : arr)
            System.out.println(floorSqrt(x));
    }
}
