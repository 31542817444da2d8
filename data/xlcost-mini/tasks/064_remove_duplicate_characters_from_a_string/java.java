class GFG {

    // Function to remove the duplicate characters of a string, keeping the first occurrences
    static String removeDuplicate(String s) {
        // seen[c] becomes true once the character c has appeared
        boolean seen[] = new boolean[256];
        String result = "";
        for (int i = 0; i < s.length(); i++) {
            // Append the character only at its first occurrence
            if (!seen[s.charAt(i)]) {
                seen[s.charAt(i)] = true;
                result += s.charAt(i);
            }
        }
        return result;
    }

    // Driver code
    public static void main(String[] args) {
        String s = "geeksforgeeks";
        System.out.println(removeDuplicate(s));
        s = "characters";
        System.out.println(removeDuplicate(s));
    }
}
