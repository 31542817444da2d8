# Function to return the value of the Binomial Coefficient C(n, k)
def binomialCoeff(n, k):
    C = [0] * (k + 1)
    # nC0 is 1
    C[0] = 1
    for i in range(1, n + 1):
        # Compute the next row of the pascal triangle using the previous row
        j = min(i, k)
        while j > 0:
            C[j] = C[j] + C[j - 1]
            j -= 1
    return C[k]


# Driver code
n = 5
k = 2
print("Value of C(" + str(n) + ", " + str(k) + ") is " + str(binomialCoeff(n, k)))
n = 20
k = 10
print("Value of C(" + str(n) + ", " + str(k) + ") is " + str(binomialCoeff(n, k)))
