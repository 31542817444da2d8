# Function to reverse arr[] from index start to end
def reverseArray(arr, start, end):
    while start < end:
        arr[start], arr[end] = arr[end], arr[start]
        start += 1
        end -= 1


# Function to left rotate arr[] of size n by d
def leftRotate(arr, d, n):
    if d == 0:
        return
    # In case the rotating factor is greater than array length
    d = d % n
    reverseArray(arr, 0, d - 1)
    reverseArray(arr, d, n - 1)
    reverseArray(arr, 0, n - 1)


# Function to print an array
def printArray(arr, size):
    print(*arr[:size])


# Driver code
arr = [1, 2, 3, 4, 5, 6, 7]
n = len(arr)
d = 2
leftRotate(arr, d, n)
printArray(arr, n)
