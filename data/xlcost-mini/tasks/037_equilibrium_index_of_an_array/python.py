# Function to find the equilibrium index of an array
def equilibrium(arr, n):
    # Find sum of the whole array
    total_sum = 0
    for i in range(n):
        total_sum += arr[i]
    # Initialize leftsum
    leftsum = 0
    for i in range(n):
        # total_sum is now the right sum for index i
        total_sum -= arr[i]
        if leftsum == total_sum:
            return i
        leftsum += arr[i]
    # If no equilibrium index found, then return -1
    return -1


# Driver code
arr = [-7, 1, 5, 2, -4, 3, 0]
print("First equilibrium index is", equilibrium(arr, len(arr)))
arr2 = [1, 2, 3]
print("First equilibrium index is", equilibrium(arr2, len(arr2)))
