import java.util.*;

class GFG {

    // Function to count the frequency of each element of the array
    static void countFreq(int arr[], int n) {
        TreeMap<Integer, Integer> mp = new TreeMap<Integer, Integer>();
        // Traverse through array elements and count frequencies
        for (int i = 0; i < n; i++) {
            if (mp.containsKey(arr[i]))
                mp.put(arr[i], mp.get(arr[i]) + 1);
            else
                mp.put(arr[i], 1);
        }
        // Print the elements in increasing order along with their frequencies
        for (Map.Entry<Integer, Integer> x : mp.entrySet())
            System.out.println(x.getKey() + " " + x.getValue());
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = {10, 20, 20, 10, 10, 20, 5, 20};
        int n = arr.length;
        countFreq(arr, n);
    }
}
