# Function to print leaders in an array
def printLeaders(arr, size):
    leaders = []
    # Rightmost element is always leader
    max_from_right = arr[size - 1]
    leaders.append(max_from_right)
    # Scan from right to left and keep track of the maximum so far
    for i in range(size - 2, -1, -1):
        if max_from_right < arr[i]:
            max_from_right = arr[i]
            leaders.append(max_from_right)
    # Leaders were found from right to left, so print them in reverse order
    leaders.reverse()
    print(*leaders)


# Driver code
arr = [16, 17, 4, 3, 5, 2]
printLeaders(arr, len(arr))
