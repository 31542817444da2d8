class GFG {
    // Function to return the character for a digit value
    static char reVal(int num) {
        if (num >= 0 && num <= 9)
            return (char)(num + '0');
        else
            return (char)(num - 10 + 'A');
    }

    // Function to convert a given decimal number to base b
    static String fromDeci(int b, int inputNum) {
        String res = "";
        // Convert the input number to the given base by repeatedly dividing it by base
        while (inputNum > 0) {
            // The remainder is the next digit from the right
            res = reVal(inputNum % b) + res;
            inputNum /= b;
        }
        return res;
    }

    // Driver code
    public static void main(String[] args) {
        int inputNum = 282;
        int bases[] = { 2, 8, 16 };
        for (int b : bases)
            System.out.println("Equivalent of " + inputNum + " in base " + b + " is "
                               + fromDeci(b, inputNum));
    }
}
