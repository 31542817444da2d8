class GFG {

    // Function to print the second largest element
    static void print2largest(int arr[], int arr_size) {
        // There should be atleast two elements
        if (arr_size < 2) {
            System.out.println("Invalid Input");
            return;
        }
        int first = Integer.MIN_VALUE, second = Integer.MIN_VALUE;
        // Find the largest and the second largest in a single traversal
        for (int i = 0; i < arr_size; i++) {
            // If current element is greater than first then update both first and second
            if (arr[i] > first) {
                second = first;
                first = arr[i];
            }
            // If arr[i] is in between first and second then update second
            else if (arr[i] > second && arr[i] != first) {
                second = arr[i];
            }
        }
        if (second == Integer.MIN_VALUE) {
            System.out.println("There is no second largest element");
        } else {
            System.out.println("The second largest element is " + second);
        }
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {12, 35, 1, 10, 34, 1};
        int n = arr.length;
        print2largest(arr, n);
        int arr2[] = {10, 10, 10};
        print2largest(arr2, arr2.length);
    }
}
