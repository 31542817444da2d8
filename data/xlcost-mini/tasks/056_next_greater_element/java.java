import java.util.*;

class GFG {

    // Function to print the next greater element for every element of the array
    static void printNGE(int arr[], int n) {
        int nge[] = new int[n];
        Stack<Integer> s = new Stack<Integer>();
        // Traverse the array from right to left
        for (int i = n - 1; i >= 0; i--) {
            nge[i] = -1;
            // Pop the elements that are not greater than the current element
            while (!s.isEmpty() && s.peek() <= arr[i])
                s.pop();
            // If the stack is not empty, its top is the next greater element
            if (!s.isEmpty())
                nge[i] = s.peek();
            // Push the current element onto the stack
            s.push(arr[i]);
        }
        for (int i = 0; i < n; i++)
            System.out.println(arr[i] + " --> " + nge[i]);
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {11, 13, 21, 3};
        int n = arr.length;
        printNGE(arr, n);
    }
}
