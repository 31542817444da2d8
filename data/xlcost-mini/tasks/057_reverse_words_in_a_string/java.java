class GFG {

    // Function to reverse the order of the words in a string
    static String reverseWords(String s) {
        // Split the string into words separated by spaces
        String words[] = s.split(" ");
        String result = "";
        // Append the words from the last one to the first one
        for (int i = words.length - 1; i >= 0; i--) {
            result += words[i];
            if (i != 0)
                result += " ";
        }
        return result;
    }

    // Driver code
    public static void main(String[] args) {
        String s = "geeks quiz practice code";
        System.out.println(reverseWords(s));
        s = "i like this program very much";
        System.out.println(reverseWords(s));
    }
}
