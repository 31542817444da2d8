# Function to return the maximum sum of k consecutive elements using a sliding window
def maxSum(arr, n, k):
    # n must be greater than or equal to k
    if n < k:
        print("Invalid")
        return -1
    # Compute the sum of the first window of size k
    window_sum = 0
    for i in range(k):
        window_sum += arr[i]
    max_sum = window_sum
    # Slide the window: remove the first element of the previous window and add the next one
    for i in range(n - k):
        window_sum = window_sum - arr[i] + arr[i + k]
        max_sum = max(window_sum, max_sum)
    return max_sum


# Driver code
arr = [1, 4, 2, 10, 2, 3, 1, 0, 20]
k = 4
n = len(arr)
print(maxSum(arr, n, k))
