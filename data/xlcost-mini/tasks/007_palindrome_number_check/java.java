class GFG {
    // Function to reverse the digits of num
    static int reverseDigits(int num) {
        int rev_num = 0;
        while (num > 0) {
            // Append the last digit of num to rev_num
            rev_num = rev_num * 10 + num % 10;
            num = num / 10;
        }
        return rev_num;
    }

    // Function to check if n is a palindrome
    static boolean isPalindrome(int n) {
        // A number is a palindrome if it is equal to its reverse
        return reverseDigits(n) == n;
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = { 12321, 4562, 9889 };
        for (int n : arr) {
            if (isPalindrome(n))
                System.out.println("Yes");
            else
                System.out.println("No");
        }
    }
}
