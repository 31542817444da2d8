class GFG {
    // Function to find the position of the survivor when every kth person is killed among n people
    static int josephus(int n, int k) {
        // Base case: only one person is left
        if (n == 1)
            return 1;
        // The survivor among n - 1 people is shifted by k positions, wrapping around the circle
        return (josephus(n - 1, k) + k - 1) % n + 1;
    }

    // Driver code
    public static void main(String[] args) {
        int n = 14, k = 2;
        System.out.println("The chosen place is " + josephus(n, k));
        n = 7;
        k = 3;
        System.out.println("The chosen place is " + josephus(n, k));
    }
}
