# Function to store the transpose of A[][] in B[][]
def transpose(A, B, M, N):
    for i in range(N):
        for j in range(M):
            # Row i of B is column i of A
            B[i][j] = A[j][i]


# Driver code
A = [[1, 2, 3], [4, 5, 6]]
M = len(A)
N = len(A[0])
# B has N rows and M columns
B = [[0] * M for i in range(N)]
transpose(A, B, M, N)
print("Result matrix is")
for i in range(N):
    print(" ".join(str(B[i][j]) for j in range(M)))
