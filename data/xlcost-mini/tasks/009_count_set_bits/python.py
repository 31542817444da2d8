# Function to get the number of set bits in the binary representation of n
def countSetBits(n):
    count = 0
    while n:
        # Clear the least significant set bit
        n &= n - 1
        count += 1
    return count


# Driver code
i = 9
print(countSetBits(i))
i = 1000
print(countSetBits(i))
