// Function to find the largest element in arr[]
function largest(arr, n) {
    // Initialize maximum element
    let mx = arr[0];
    // Traverse array elements from second and compare every element with current max
    for (let i = 1; i < n; i++) {
        if (arr[i] > mx) {
            mx = arr[i];
        }
    }
    return mx;
}

// Driver code
let arr = [10, 324, 45, 90, 9808];
let n = arr.length;
console.log("Largest in given array is " + largest(arr, n));
