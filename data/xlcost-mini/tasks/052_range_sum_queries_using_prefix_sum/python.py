# Function to fill the prefix sum array
def fillPrefixSum(arr, n, prefixSum):
    prefixSum[0] = arr[0]
    # Add the present element to the previous prefix sum
    for i in range(1, n):
        prefixSum[i] = prefixSum[i - 1] + arr[i]


# Function to return the sum of the elements in the range [left, right]
def rangeSum(prefixSum, left, right):
    if left == 0:
        return prefixSum[right]
    return prefixSum[right] - prefixSum[left - 1]


# Driver code
arr = [10, 4, 16, 20, 5, 6]
n = len(arr)
prefixSum = [0] * n
fillPrefixSum(arr, n, prefixSum)
print(rangeSum(prefixSum, 0, 2))
print(rangeSum(prefixSum, 1, 4))
print(rangeSum(prefixSum, 3, 5))
