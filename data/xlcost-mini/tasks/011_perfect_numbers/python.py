# Returns true if n is a perfect number
def isPerfect(n):
    # To store the sum of divisors
    sum = 1
    # Find all divisors and add them
    i = 2
    while i * i <= n:
        if n % i == 0:
            # If both divisors are different, add both of them
            if i * i != n:
                sum = sum + i + n // i
            else:
                sum = sum + i
        i += 1
    # If the sum of divisors is equal to n, then n is a perfect number
    return sum == n and n != 1


# Driver code
print("Below are all perfect numbers till 10000")
n = 2
while n < 10000:
    if isPerfect(n):
        print(n, "is a perfect number")
    n += 1
