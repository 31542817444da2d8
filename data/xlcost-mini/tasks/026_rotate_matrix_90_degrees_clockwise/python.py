# Function to rotate a square matrix by 90 degrees in clockwise direction
def rotate90Clockwise(a, N):
    # Traverse each cycle
    for i in range(N // 2):
        for j in range(i, N - i - 1):
            # Swap the four elements of the cycle in clockwise direction
            temp = a[i][j]
            a[i][j] = a[N - 1 - j][i]
            a[N - 1 - j][i] = a[N - 1 - i][N - 1 - j]
            a[N - 1 - i][N - 1 - j] = a[j][N - 1 - i]
            a[j][N - 1 - i] = temp


# Function to print the matrix
def printMatrix(a, N):
    for i in range(N):
        print(" ".join(str(a[i][j]) for j in range(N)))


# Driver code
arr = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]
N = 4
rotate90Clockwise(arr, N)
printMatrix(arr, N)
