# Function to find the missing number in an array of numbers from 1 to n + 1
def getMissingNo(a, n):
    # Sum of the first n + 1 natural numbers
    total = (n + 1) * (n + 2) // 2
    # Subtract every array element from the total
    for i in range(n):
        total -= a[i]
    return total


# Driver code
arr = [1, 2, 3, 5]
N = len(arr)
print(getMissingNo(arr, N))
arr2 = [1, 2, 4, 5, 6]
print(getMissingNo(arr2, len(arr2)))
