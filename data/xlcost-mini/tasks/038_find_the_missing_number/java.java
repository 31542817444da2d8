class GFG {

    // Function to find the missing number in an array of numbers from 1 to n + 1
    static int getMissingNo(int a[], int n) {
        // Sum of the first n + 1 natural numbers
        int total = (n + 1) * (n + 2) / 2;
        // Subtract every array element from the total
        for (int i = 0; i < n; i++)
            total -= a[i];
        return total;
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {1, 2, 3, 5};
        int N = arr.length;
        System.out.println(getMissingNo(arr, N));
        int arr2[] = {1, 2, 4, 5, 6};
        System.out.println(getMissingNo(arr2, arr2.length));
    }
}
