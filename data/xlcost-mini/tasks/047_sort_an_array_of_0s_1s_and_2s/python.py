# Function to sort an array of 0s, 1s and 2s in a single traversal
def sort012(a, arr_size):
    lo = 0
    hi = arr_size - 1
    mid = 0
    while mid <= hi:
        # If the element is 0, swap it into the low part
        if a[mid] == 0:
            a[lo], a[mid] = a[mid], a[lo]
            lo += 1
            mid += 1
        # If the element is 1, leave it in the middle part
        elif a[mid] == 1:
            mid += 1
        # If the element is 2, swap it into the high part
        else:
            a[mid], a[hi] = a[hi], a[mid]
            hi -= 1


# Function to print array arr[]
def printArray(a, arr_size):
    print(*a[:arr_size])


# Driver code
arr = [0, 1, 1, 0, 1, 2, 1, 2, 0, 0, 0, 1]
arr_size = len(arr)
sort012(arr, arr_size)
printArray(arr, arr_size)
