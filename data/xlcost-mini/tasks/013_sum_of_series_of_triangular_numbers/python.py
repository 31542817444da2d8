# Function to find the sum of the series 1 + (1 + 2) + (1 + 2 + 3) + ... till n terms
def seriesSum(n):
    sum = 0
    term = 0
    for i in range(1, n + 1):
        # The ith term is the sum of the first i natural numbers
        term = term + i
        sum = sum + term
    return sum


# Function to find the same sum using the formula n * (n + 1) * (n + 2) / 6
def seriesSumFormula(n):
    return (n * (n + 1) * (n + 2)) // 6


# Driver code
n = 10
print(seriesSum(n))
print(seriesSumFormula(n))
