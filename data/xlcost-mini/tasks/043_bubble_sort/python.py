# An optimized version of Bubble Sort
def bubbleSort(arr, n):
    for i in range(n - 1):
        swapped = False
        # Last i elements are already in place
        for j in range(n - i - 1):
            if arr[j] > arr[j + 1]:
                # Swap arr[j] and arr[j + 1]
                arr[j], arr[j + 1] = arr[j + 1], arr[j]
                swapped = True
        # If no two elements were swapped by inner loop, then break
        if not swapped:
            break


# Function to print an array
def printArray(arr, size):
    print(*arr[:size])


# Driver code
arr = [64, 34, 25, 12, 22, 11, 90]
n = len(arr)
bubbleSort(arr, n)
print("Sorted array:")
printArray(arr, n)
