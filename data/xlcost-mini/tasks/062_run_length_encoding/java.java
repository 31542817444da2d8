class GFG {

    // Function to return the run length encoding of the string
    static String encode(String s) {
        int n = s.length();
        String result = "";
        for (int i = 0; i < n; i++) {
            // Count the occurrences of the current character
            int count = 1;
            while (i < n - 1 && s.charAt(i) == s.charAt(i + 1)) {
                count++;
                i++;
            }
            // Append the character and its count to the result
            result = result + s.charAt(i) + count;
        }
        return result;
    }

    // Driver code
    public static void main(String[] args) {
        String s = "wwwwaaadexxxxxxywww";
        System.out.println(encode(s));
    }
}
