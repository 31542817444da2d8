# Function to print a matrix in spiral form
def spiralPrint(m, n, a):
    # k is the starting row, m the ending row, left the starting column and n the ending column
    k = 0
    left = 0
    result = []
    while k < m and left < n:
        # Print the first row from the remaining rows
        for i in range(left, n):
            result.append(str(a[k][i]))
        k += 1
        # Print the last column from the remaining columns
        for i in range(k, m):
            result.append(str(a[i][n - 1]))
        n -= 1
        # Print the last row from the remaining rows
        if k < m:
            for i in range(n - 1, left - 1, -1):
                result.append(str(a[m - 1][i]))
            m -= 1
        # Print the first column from the remaining columns
        if left < n:
            for i in range(m - 1, k - 1, -1):
                result.append(str(a[i][left]))
            left += 1
    print(" ".join(result))


# Driver code
a = [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [13, 14, 15, 16, 17, 18]]
R = 3
C = 6
spiralPrint(R, C, a)
