# Function to check if there is a pair in sorted A[] with sum equal to X
def isPairSum(A, N, X):
    # Represents first pointer
    i = 0
    # Represents second pointer
    j = N - 1
    while i < j:
        # If we find a pair
        if A[i] + A[j] == X:
            return True
        # If the sum of the elements at the pointers is less, move to higher values
        elif A[i] + A[j] < X:
            i += 1
        # If the sum of the elements at the pointers is more, move to lower values
        else:
            j -= 1
    return False


# Driver code
arr = [2, 3, 5, 8, 9, 10, 11]
N = len(arr)
for val in [17, 4]:
    if isPairSum(arr, N, val):
        print("Yes")
    else:
        print("No")
