# Function to find the largest sum of a contiguous subarray
def maxSubArraySum(a, size):
    max_so_far = a[0]
    curr_max = a[0]
    for i in range(1, size):
        # Either extend the previous subarray or start a new one at a[i]
        curr_max = max(a[i], curr_max + a[i])
        # Update the overall maximum
        max_so_far = max(max_so_far, curr_max)
    return max_so_far


# Driver code
a = [-2, -3, 4, -1, -2, 1, 5, -3]
print("Maximum contiguous sum is", maxSubArraySum(a, len(a)))
a = [-5, -1, -8]
print("Maximum contiguous sum is", maxSubArraySum(a, len(a)))
