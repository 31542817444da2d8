// Function to print the subarray with the given sum in an array of non-negative numbers
function subArraySum(arr, n, sum) {
    // Initialize curr_sum as the value of the first element and the starting point as 0
    let curr_sum = arr[0], start = 0, i;
    // Add elements one by one to curr_sum and if curr_sum exceeds sum, remove the starting element
    for (i = 1; i <= n; i++) {
        // If curr_sum exceeds the sum, then remove the starting elements
        while (curr_sum > sum && start < i - 1) {
            curr_sum = curr_sum - arr[start];
            start++;
        }
        // If curr_sum becomes equal to sum, then print the indexes
        if (curr_sum == sum) {
            console.log("Sum found between indexes " + start + " and " + (i - 1));
            return;
        }
        // Add this element to curr_sum
        if (i < n)
            curr_sum = curr_sum + arr[i];
    }
    // If we reach here, then no subarray
    console.log("No subarray found");
}

// Driver code
let arr = [15, 2, 4, 8, 9, 5, 10, 23];
let n = arr.length;
subArraySum(arr, n, 23);
subArraySum(arr, n, 100);
