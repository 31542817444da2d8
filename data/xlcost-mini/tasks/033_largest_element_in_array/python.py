# Function to find the largest element in arr[]
def largest(arr, n):
    # Initialize maximum element
    mx = arr[0]
    # Traverse array elements from second and compare every element with current max
    for i in range(1, n):
        if arr[i] > mx:
            mx = arr[i]
    return mx


# Driver code
arr = [10, 324, 45, 90, 9808]
n = len(arr)
print("Largest in given array is", largest(arr, n))
