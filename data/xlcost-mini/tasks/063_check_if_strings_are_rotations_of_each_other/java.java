class GFG {

    // Function to check if str2 is a rotation of str1
    static boolean areRotations(String str1, String str2) {
        // The lengths of both strings must be the same
        if (str1.length() != str2.length())
            return false;
        // Create a temp string with value str1 concatenated with str1
        String temp = str1 + str1;
        // Now check if str2 is a substring of temp
        return temp.indexOf(str2) != -1;
    }

    // Driver code
    public static void main(String[] args) {
        String str1 = "AACD";
        String others[] = {"ACDA", "ACAD"};
        for (String str2 : others) {
            if (areRotations(str1, str2))
                System.out.println("Strings are rotations of each other");
            else
                System.out.println("Strings are not rotations of each other");
        }
    }
}
