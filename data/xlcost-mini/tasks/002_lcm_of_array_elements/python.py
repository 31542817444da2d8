# Function to return gcd of a and b
def gcd(a, b):
    if a == 0:
        return b
    return gcd(b % a, a)


# Function to find lcm of the array elements
def findLcm(arr, n):
    # Initialize result
    ans = arr[0]
    # ans contains the lcm of arr[0] to arr[i] after the ith iteration
    for i in range(1, n):
        ans = (arr[i] * ans) // gcd(arr[i], ans)
    return ans


# Driver code
arr = [2, 7, 3, 9, 4]
n = len(arr)
print(findLcm(arr, n))
arr = [1, 2, 8, 3]
n = len(arr)
print(findLcm(arr, n))
