class GFG {

    // Function to sort an array of 0s, 1s and 2s in a single traversal
    static void sort012(int a[], int arr_size) {
        int lo = 0, hi = arr_size - 1, mid = 0, temp;
        while (mid <= hi) {
            // If the element is 0, swap it into the low part
            if (a[mid] == 0) {
                temp = a[lo];
                a[lo] = a[mid];
                a[mid] = temp;
                lo++;
                mid++;
            }
            // If the element is 1, leave it in the middle part
            else if (a[mid] == 1) {
                mid++;
            }
            // If the element is 2, swap it into the high part
            else {
                temp = a[mid];
                a[mid] = a[hi];
                a[hi] = temp;
                hi--;
            }
        }
    }

    // Function to print array arr[]
    static void printArray(int a[], int arr_size) {
        for (int i = 0; i < arr_size; i++) {
            if (i > 0)
                System.out.print(" ");
            System.out.print(a[i]);
        }
        System.out.println();
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {0, 1, 1, 0, 1, 2, 1, 2, 0, 0, 0, 1};
        int arr_size = arr.length;
        sort012(arr, arr_size);
        printArray(arr, arr_size);
    }
}
