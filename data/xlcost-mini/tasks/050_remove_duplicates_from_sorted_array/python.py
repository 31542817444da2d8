# Function to remove duplicate elements and return the new size of the modified array
def removeDuplicates(arr, n):
    # Return, if array is empty or contains a single element
    if n == 0 or n == 1:
        return n
    # Index of the next unique element
    j = 0
    for i in range(n - 1):
        # If current element is not equal to the next element then store it
        if arr[i] != arr[i + 1]:
            arr[j] = arr[i]
            j += 1
    # Store the last element as whether it is unique or repeated, it has not been stored
    arr[j] = arr[n - 1]
    j += 1
    return j


# Driver code
arr = [1, 2, 2, 3, 4, 4, 4, 5, 5]
n = len(arr)
# removeDuplicates() returns the new size of the array
n = removeDuplicates(arr, n)
# Print the updated array
print(*arr[:n])
