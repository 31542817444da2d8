# Recursive function to return gcd of a and b
def gcd(a, b):
    # Everything divides 0
    if b == 0:
        return a
    # gcd of a and b is the same as gcd of b and a % b
    return gcd(b, a % b)


# Driver code
a = 98
b = 56
print("GCD of", a, "and", b, "is", gcd(a, b))
a = 270
b = 192
print("GCD of", a, "and", b, "is", gcd(a, b))
