class GFG {

    // Number of possible characters
    static final int NO_OF_CHARS = 256;

    // Function to check whether two strings are anagram of each other
    static boolean areAnagram(String str1, String str2) {
        // If both strings are of different length, they cannot be anagrams
        if (str1.length() != str2.length())
            return false;
        // Create a count array and initialize all values as 0
        int count[] = new int[NO_OF_CHARS];
        // Increment the count for characters of str1 and decrement it for characters of str2
        for (int i = 0; i < str1.length(); i++) {
            count[str1.charAt(i)]++;
            count[str2.charAt(i)]--;
        }
        // See if there is any non-zero value in the count array
        for (int i = 0; i < NO_OF_CHARS; i++)
            if (count[i] != 0)
                return false;
        return true;
    }

    // Driver code
    public static void main(String[] args) {
        String str1 = "listen";
        String str2 = "silent";
        if (areAnagram(str1, str2))
            System.out.println("The two strings are anagram of each other");
        else
            System.out.println("The two strings are not anagram of each other");
        str1 = "abcd";
        str2 = "abce";
        if (areAnagram(str1, str2))
            System.out.println("The two strings are anagram of each other");
        else
            System.out.println("The two strings are not anagram of each other");
    }
}
