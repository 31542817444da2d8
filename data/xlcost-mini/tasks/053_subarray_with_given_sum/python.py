# Function to print the subarray with the given sum in an array of non-negative numbers
def subArraySum(arr, n, sum):
    # Initialize curr_sum as the value of the first element and the starting point as 0
    curr_sum = arr[0]
    start = 0
    # Add elements one by one to curr_sum and if curr_sum exceeds sum, remove the starting element
    i = 1
    while i <= n:
        # If curr_sum exceeds the sum, then remove the starting elements
        while curr_sum > sum and start < i - 1:
            curr_sum = curr_sum - arr[start]
            start += 1
        # If curr_sum becomes equal to sum, then print the indexes
        if curr_sum == sum:
            print("Sum found between indexes", start, "and", i - 1)
            return
        # Add this element to curr_sum
        if i < n:
            curr_sum = curr_sum + arr[i]
        i += 1
    # If we reach here, then no subarray
    print("No subarray found")


# Driver code
arr = [15, 2, 4, 8, 9, 5, 10, 23]
n = len(arr)
subArraySum(arr, n, 23)
subArraySum(arr, n, 100)
