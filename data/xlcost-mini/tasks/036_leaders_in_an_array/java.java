import java.util.*;

class GFG {

    // Function to print leaders in an array
    static void printLeaders(int arr[], int size) {
        ArrayList<Integer> leaders = new ArrayList<Integer>();
        // Rightmost element is always leader
        int max_from_right = arr[size - 1];
        leaders.add(max_from_right);
        // Scan from right to left and keep track of the maximum so far
        for (int i = size - 2; i >= 0; i--) {
            if (max_from_right < arr[i]) {
                max_from_right = arr[i];
                leaders.add(max_from_right);
            }
        }
        // Leaders were found from right to left, so print them in reverse order
        Collections.reverse(leaders);
        for (int i = 0; i < leaders.size(); i++) {
            if (i > 0)
                System.out.print(" ");
            System.out.print(leaders.get(i));
        }
        System.out.println();
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {16, 17, 4, 3, 5, 2};
        printLeaders(arr, arr.length);
    }
}
