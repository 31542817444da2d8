# Iterative function to calculate (x ^ y) % p in O(log y)
def power(x, y, p):
    # Initialize result
    res = 1
    # Update x if it is more than or equal to p
    x = x % p
    # In case x is divisible by p
    if x == 0:
        return 0
    while y > 0:
        # If y is odd, multiply x with result
        if (y & 1) == 1:
            res = (res * x) % p
        # y must be even now
        y = y >> 1
        x = (x * x) % p
    return res


# Driver code
x = 2
y = 5
p = 13
print("Power is", power(x, y, p))
x = 3
y = 200
p = 1000003
print("Power is", power(x, y, p))
