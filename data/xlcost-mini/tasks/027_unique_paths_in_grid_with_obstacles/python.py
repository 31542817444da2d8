# Function to count the paths from the top left to the bottom right cell avoiding blocked cells
def uniquePathsWithObstacles(A):
    r = len(A)
    c = len(A[0])
    # Create a 2D matrix to store the count of paths, moving only right or down
    paths = [[0] * c for i in range(r)]
    # Initialize the top left cell if it is not blocked
    if A[0][0] == 0:
        paths[0][0] = 1
    # Initialize the first column
    for i in range(1, r):
        if A[i][0] == 0:
            paths[i][0] = paths[i - 1][0]
    # Initialize the first row
    for j in range(1, c):
        if A[0][j] == 0:
            paths[0][j] = paths[0][j - 1]
    # A free cell is reached from the cell above or the cell on its left
    for i in range(1, r):
        for j in range(1, c):
            if A[i][j] == 0:
                paths[i][j] = paths[i - 1][j] + paths[i][j - 1]
    # Return the count for the bottom right cell
    return paths[r - 1][c - 1]


# Driver code
A = [[0, 0, 0], [0, 1, 0], [0, 0, 0]]
print(uniquePathsWithObstacles(A))
B = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]
print(uniquePathsWithObstacles(B))
