// Function to return the maximum sum of k consecutive elements using a sliding window
function maxSum(arr, n, k) {
    // n must be greater than or equal to k
    if (n < k) {
        console.log("Invalid");
        return -1;
    }
    // Compute the sum of the first window of size k
    let window_sum = 0;
    for (let i = 0; i < k; i++)
        window_sum += arr[i];
    let max_sum = window_sum;
    // Slide the window: remove the first element of the previous window and add the next one
    for (let i = 0; i < n - k; i++) {
        window_sum = window_sum - arr[i] + arr[i + k];
        max_sum = Math.max(window_sum, max_sum);
    }
    return max_sum;
}

// Driver code
let arr = [1, 4, 2, 10, 2, 3, 1, 0, 20];
let k = 4;
let n = arr.length;
console.log(maxSum(arr, n, k));
