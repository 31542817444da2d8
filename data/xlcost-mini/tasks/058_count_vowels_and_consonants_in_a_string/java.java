class GFG {

    // Function to check if a character is a vowel
    static boolean isVowel(char ch) {
        ch = Character.toLowerCase(ch);
        return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u';
    }

    // Function to count the vowels and the consonants in a string
    static void countVowelsConsonants(String s) {
        int vowels = 0, consonants = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            // Only letters are vowels or consonants
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
                if (isVowel(ch))
                    vowels++;
                else
                    consonants++;
            }
        }
        System.out.println("Vowels: " + vowels);
        System.out.println("Consonants: " + consonants);
    }

    // Driver code
    public static void main(String[] args) {
        String s = "Geeks for Geeks";
        countVowelsConsonants(s);
    }
}
