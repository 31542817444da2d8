// Function to fill the prefix sum array
function fillPrefixSum(arr, n, prefixSum) {
    prefixSum[0] = arr[0];
    // Add the present element to the previous prefix sum
    for (let i = 1; i < n; i++)
        prefixSum[i] = prefixSum[i - 1] + arr[i];
}

// Function to return the sum of the elements in the range [left, right]
function rangeSum(prefixSum, left, right) {
    if (left == 0)
        return prefixSum[right];
    return prefixSum[right] - prefixSum[left - 1];
}

// Driver code
let arr = [10, 4, 16, 20, 5, 6];
let n = arr.length;
let prefixSum = new Array(n).fill(0);
fillPrefixSum(arr, n, prefixSum);
console.log(rangeSum(prefixSum, 0, 2));
console.log(rangeSum(prefixSum, 1, 4));
console.log(rangeSum(prefixSum, 3, 5));
