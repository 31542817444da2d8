# Function to print the next greater element for every element of the array
def printNGE(arr, n):
    nge = [-1] * n
    s = []
    # Traverse the array from right to left
    for i in range(n - 1, -1, -1):
        # Pop the elements that are not greater than the current element
        while len(s) > 0 and s[-1] <= arr[i]:
            s.pop()
        # If the stack is not empty, its top is the next greater element
        if len(s) > 0:
            nge[i] = s[-1]
        # Push the current element onto the stack
        s.append(arr[i])
    for i in range(n):
        print(arr[i], "-->", nge[i])


# Driver code
arr = [11, 13, 21, 3]
n = len(arr)
printNGE(arr, n)
