# Function to find the first occurrence of x in sorted arr[]
def firstOccurrence(arr, n, x):
    low = 0
    high = n - 1
    res = -1
    while low <= high:
        mid = low + (high - low) // 2
        if arr[mid] > x:
            high = mid - 1
        elif arr[mid] < x:
            low = mid + 1
        # If arr[mid] is equal to x, store it and keep searching in the left half
        else:
            res = mid
            high = mid - 1
    return res


# Function to find the last occurrence of x in sorted arr[]
def lastOccurrence(arr, n, x):
    low = 0
    high = n - 1
    res = -1
    while low <= high:
        mid = low + (high - low) // 2
        if arr[mid] > x:
            high = mid - 1
        elif arr[mid] < x:
            low = mid + 1
        # If arr[mid] is equal to x, store it and keep searching in the right half
        else:
            res = mid
            low = mid + 1
    return res


# Driver code
arr = [1, 2, 2, 2, 2, 3, 4, 7, 8, 8]
n = len(arr)
x = 2
print("First Occurrence =", firstOccurrence(arr, n, x))
print("Last Occurrence =", lastOccurrence(arr, n, x))
