class GFG {

    // Function to reverse arr[] from index start to end
    static void reverseArray(int arr[], int start, int end) {
        while (start < end) {
            int temp = arr[start];
            arr[start] = arr[end];
            arr[end] = temp;
            start++;
            end--;
        }
    }

    // Function to left rotate arr[] of size n by d
    static void leftRotate(int arr[], int d, int n) {
        if (d == 0)
            return;
        // In case the rotating factor is greater than array length
        d = d % n;
        reverseArray(arr, 0, d - 1);
        reverseArray(arr, d, n - 1);
        reverseArray(arr, 0, n - 1);
    }

    // Function to print an array
    static void printArray(int arr[], int size) {
        for (int i = 0; i < size; i++) {
            if (i > 0)
                System.out.print(" ");
            System.out.print(arr[i]);
        }
        System.out.println();
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {1, 2, 3, 4, 5, 6, 7};
        int n = arr.length;
        int d = 2;
        leftRotate(arr, d, n);
        printArray(arr, n);
    }
}
