// Function to find the equilibrium index of an array
function equilibrium(arr, n) {
    // Find sum of the whole array
    let total_sum = 0;
    for (let i = 0; i < n; i++)
        total_sum += arr[i];
    // Initialize leftsum
    let leftsum = 0;
    for (let i = 0; i < n; i++) {
        // total_sum is now the right sum for index i
        total_sum -= arr[i];
        if (leftsum == total_sum)
            return i;
        leftsum += arr[i];
    }
    // If no equilibrium index found, then return -1
    return -1;
}

// Driver code
let arr = [-7, 1, 5, 2, -4, 3, 0];
console.log("First equilibrium index is " + equilibrium(arr, arr.length));
let arr2 = [1, 2, 3];
console.log("First equilibrium index is " + equilibrium(arr2, arr2.length));
