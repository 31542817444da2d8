# Function to print all primes smaller than or equal to n
def sieveOfEratosthenes(n):
    # Create a boolean array prime[0..n] and initialize all entries as true
    prime = [True for i in range(n + 1)]
    p = 2
    while p * p <= n:
        # If prime[p] is not changed, then it is a prime
        if prime[p]:
            # Update all multiples of p
            for i in range(p * p, n + 1, p):
                prime[i] = False
        p += 1
    # Collect all prime numbers
    result = []
    for p in range(2, n + 1):
        if prime[p]:
            result.append(str(p))
    print(" ".join(result))


# Driver code
n = 30
print("Following are the prime numbers smaller than or equal to", n)
sieveOfEratosthenes(n)
