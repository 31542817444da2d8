# Function to sort an array using insertion sort
def insertionSort(arr, n):
    for i in range(1, n):
        key = arr[i]
        j = i - 1
        # Move elements of arr[0..i-1] that are greater than key one position ahead
        while j >= 0 and arr[j] > key:
            arr[j + 1] = arr[j]
            j -= 1
        arr[j + 1] = key


# Function to print an array of size n
def printArray(arr, n):
    print(*arr[:n])


# Driver code
arr = [12, 11, 13, 5, 6]
n = len(arr)
insertionSort(arr, n)
printArray(arr, n)
