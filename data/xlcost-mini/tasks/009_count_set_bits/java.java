class GFG {
    // Function to get the number of set bits in the binary representation of n
    static int countSetBits(int n) {
        int count = 0;
        while (n > 0) {
            // Clear the least significant set bit
            n &= (n - 1);
            count++;
        }
        return count;
    }

    // Driver code
    public static void main(String[] args) {
        int i = 9;
        System.out.println(countSetBits(i));
        i = 1000;
        System.out.println(countSetBits(i));
    }
}
