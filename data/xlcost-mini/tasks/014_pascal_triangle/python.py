# Function to print the first n lines of the Pascal triangle
def printPascal(n):
    for line in range(1, n + 1):
        # Used to represent C(line, i)
        C = 1
        row = []
        for i in range(1, line + 1):
            # The first value in a line is always 1
            row.append(str(C))
            # Compute the next binomial coefficient from the current one
            C = C * (line - i) // i
        print(" ".join(row))


# Driver code
n = 5
printPascal(n)
