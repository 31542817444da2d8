# Function to merge arr1[0..n1-1] and arr2[0..n2-1] into arr3[0..n1+n2-1]
def mergeArrays(arr1, arr2, n1, n2):
    arr3 = [0] * (n1 + n2)
    i = 0
    j = 0
    k = 0
    # Traverse both arrays
    while i < n1 and j < n2:
        # Pick the smaller of the current elements of both arrays
        if arr1[i] < arr2[j]:
            arr3[k] = arr1[i]
            i += 1
        else:
            arr3[k] = arr2[j]
            j += 1
        k += 1
    # Store remaining elements of first array
    while i < n1:
        arr3[k] = arr1[i]
        i += 1
        k += 1
    # Store remaining elements of second array
    while j < n2:
        arr3[k] = arr2[j]
        j += 1
        k += 1
    print("Array after merging")
    print(*arr3)


# Driver code
arr1 = [1, 3, 5, 7]
arr2 = [2, 4, 6, 8]
mergeArrays(arr1, arr2, len(arr1), len(arr2))
