# Function to count the divisors of n
def countDivisors(n):
    cnt = 0
    i = 1
    # Divisors come in pairs, so check only up to the square root of n
    while i * i <= n:
        if n % i == 0:
            # If divisors are equal, count only one
            if n // i == i:
                cnt = cnt + 1
            # Otherwise count both
            else:
                cnt = cnt + 2
        i += 1
    return cnt


# Driver code
print("Total distinct divisors of 100 are :", countDivisors(100))
print("Total distinct divisors of 360 are :", countDivisors(360))
