# Function to find the position of the survivor when every kth person is killed among n people
def josephus(n, k):
    # Base case: only one person is left
    if n == 1:
        return 1
    # The survivor among n - 1 people is shifted by k positions, wrapping around the circle
    return (josephus(n - 1, k) + k - 1) % n + 1


# Driver code
n = 14
k = 2
print("The chosen place is", josephus(n, k))
n = 7
k = 3
print("The chosen place is", josephus(n, k))
