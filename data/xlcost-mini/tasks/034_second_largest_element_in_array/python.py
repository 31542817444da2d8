# Function to print the second largest element
def print2largest(arr, arr_size):
    # There should be atleast two elements
    if arr_size < 2:
        print("Invalid Input")
        return
    first = second = float("-inf")
    # Find the largest and the second largest in a single traversal
    for i in range(arr_size):
        # If current element is greater than first then update both first and second
        if arr[i] > first:
            second = first
            first = arr[i]
        # If arr[i] is in between first and second then update second
        elif arr[i] > second and arr[i] != first:
            second = arr[i]
    if second == float("-inf"):
        print("There is no second largest element")
    else:
        print("The second largest element is", second)


# Driver code
arr = [12, 35, 1, 10, 34, 1]
n = len(arr)
print2largest(arr, n)
arr2 = [10, 10, 10]
print2largest(arr2, len(arr2))
