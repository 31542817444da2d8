class GFG {

    // Function to find the longest common prefix of two strings
    static String commonPrefixUtil(String str1, String str2) {
        String result = "";
        int n1 = str1.length(), n2 = str2.length();
        // Compare str1 and str2 character by character
        for (int i = 0; i < n1 && i < n2; i++) {
            if (str1.charAt(i) != str2.charAt(i))
                break;
            result += str1.charAt(i);
        }
        return result;
    }

    // Function to print the longest common prefix of all the strings in arr[]
    static void commonPrefix(String arr[], int n) {
        String prefix = arr[0];
        // Keep the common prefix of the result so far and the next string
        for (int i = 1; i < n; i++)
            prefix = commonPrefixUtil(prefix, arr[i]);
        if (prefix.length() > 0)
            System.out.println("The longest common prefix is " + prefix);
        else
            System.out.println("There is no common prefix");
    }

    // Driver code
    public static void main(String[] args) {
        String arr[] = {"geeksforgeeks", "geeks", "geek", "geezer"};
        commonPrefix(arr, arr.length);
        String arr2[] = {"dog", "racecar", "car"};
        commonPrefix(arr2, arr2.length);
    }
}
