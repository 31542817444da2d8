# Function to swap two elements of the array
def swap(arr, i, j):
    arr[i], arr[j] = arr[j], arr[i]


# This function takes last element as pivot, places the pivot at its correct position
# in the sorted array, and places all smaller elements to the left of the pivot
def partition(arr, low, high):
    pivot = arr[high]
    # Index of smaller element
    i = low - 1
    for j in range(low, high):
        # If current element is smaller than the pivot
        if arr[j] < pivot:
            i += 1
            swap(arr, i, j)
    swap(arr, i + 1, high)
    return i + 1


# The main function that implements QuickSort
def quickSort(arr, low, high):
    if low < high:
        # pi is partitioning index, arr[pi] is now at right place
        pi = partition(arr, low, high)
        # Separately sort elements before partition and after partition
        quickSort(arr, low, pi - 1)
        quickSort(arr, pi + 1, high)


# Driver code
arr = [10, 7, 8, 9, 1, 5]
n = len(arr)
quickSort(arr, 0, n - 1)
print("Sorted array:")
print(*arr)
