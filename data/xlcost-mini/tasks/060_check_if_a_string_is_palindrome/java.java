class GFG {

    // Function to check whether the string is palindrome
    static boolean isPalindrome(String s) {
        // Start from the leftmost and the rightmost corners of s
        int low = 0;
        int high = s.length() - 1;
        // Keep comparing characters while they are same
        while (high > low) {
            if (s.charAt(low) != s.charAt(high))
                return false;
            low++;
            high--;
        }
        return true;
    }

    // Driver code
    public static void main(String[] args) {
        String words[] = {"abba", "geeks"};
        for (String s : words) {
            if (isPalindrome(s))
                System.out.println(s + " is palindrome");
            else
                System.out.println(s + " is not palindrome");
        }
    }
}
