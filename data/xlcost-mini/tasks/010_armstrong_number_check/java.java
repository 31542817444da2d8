class GFG {
    // Function to calculate x raised to the power y
    static int power(int x, int y) {
        if (y == 0)
            return 1;
        if (y % 2 == 0)
            return power(x, y / 2) * power(x, y / 2);
        return x * power(x, y / 2) * power(x, y / 2);
    }

    // Function to calculate the order of the number
    static int order(int x) {
        // Variable to store the number of digits
        int n = 0;
        while (x != 0) {
            n++;
            x = x / 10;
        }
        return n;
    }

    // Function to check whether the given number is an Armstrong number or not
    static boolean isArmstrong(int x) {
        int n = order(x);
        int temp = x, sum1 = 0;
        while (temp != 0) {
            int r = temp % 10;
            sum1 = sum1 + power(r, n);
            temp = temp / 10;
        }
        // If the condition satisfies
        return (sum1 == x);
    }

    // Driver code
    public static void main(String[] args) {
        int arr[] = { 153, 1253, 9474 };
        for (int x : arr) {
            if (isArmstrong(x))
                System.out.println(x + " is an Armstrong number");
            else
                System.out.println(x + " is not an Armstrong number");
        }
    }
}
