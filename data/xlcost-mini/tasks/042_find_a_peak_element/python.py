# Function to find the index of a peak element using binary search
def findPeak(arr, n):
    low = 0
    high = n - 1
    while low < high:
        mid = low + (high - low) // 2
        # If the middle element is smaller than its right neighbour, a peak lies on the right side
        if arr[mid] < arr[mid + 1]:
            low = mid + 1
        # Otherwise a peak lies on the left side including mid
        else:
            high = mid
    return low


# Driver code
arr = [1, 3, 20, 4, 1, 0]
n = len(arr)
print("Index of a peak point is", findPeak(arr, n))
arr2 = [5, 10, 20, 15]
print("Index of a peak point is", findPeak(arr2, len(arr2)))
