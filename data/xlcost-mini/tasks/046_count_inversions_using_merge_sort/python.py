# Function to merge two sorted halves and count the inversions across them
def mergeAndCount(arr, temp, left, mid, right):
    i = left
    j = mid + 1
    k = left
    inv_count = 0
    while i <= mid and j <= right:
        if arr[i] <= arr[j]:
            temp[k] = arr[i]
            i += 1
        else:
            # All the remaining elements of the left half are greater than arr[j]
            temp[k] = arr[j]
            inv_count += mid - i + 1
            j += 1
        k += 1
    # Copy the remaining elements of the left half
    while i <= mid:
        temp[k] = arr[i]
        i += 1
        k += 1
    # Copy the remaining elements of the right half
    while j <= right:
        temp[k] = arr[j]
        j += 1
        k += 1
    # Copy back the merged elements to the original array
    for x in range(left, right + 1):
        arr[x] = temp[x]
    return inv_count


# Function to sort the array using merge sort and return the inversion count
def mergeSortAndCount(arr, temp, left, right):
    inv_count = 0
    if left < right:
        mid = (left + right) // 2
        inv_count += mergeSortAndCount(arr, temp, left, mid)
        inv_count += mergeSortAndCount(arr, temp, mid + 1, right)
        inv_count += mergeAndCount(arr, temp, left, mid, right)
    return inv_count


# Driver code
arr = [1, 20, 6, 4, 5]
n = len(arr)
temp = [0] * n
print("Number of inversions are", mergeSortAndCount(arr, temp, 0, n - 1))
