// Function to find the largest sum of a contiguous subarray
function maxSubArraySum(a, size) {
    let max_so_far = a[0];
    let curr_max = a[0];
    for (let i = 1; i < size; i++) {
        // Either extend the previous subarray or start a new one at a[i]
        curr_max = Math.max(a[i], curr_max + a[i]);
        // Update the overall maximum
        max_so_far = Math.max(max_so_far, curr_max);
    }
    return max_so_far;
}

// Driver code
let a = [-2, -3, 4, -1, -2, 1, 5, -3];
console.log("Maximum contiguous sum is " + maxSubArraySum(a, a.length));
a = [-5, -1, -8];
console.log("Maximum contiguous sum is " + maxSubArraySum(a, a.length));
