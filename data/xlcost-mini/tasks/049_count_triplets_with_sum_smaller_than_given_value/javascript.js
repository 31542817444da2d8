// Function to count triplets with sum smaller than the given value
function countTriplets(arr, n, sum) {
    // Sort input array
    arr.sort((a, b) => a - b);
    // Initialize result
    let ans = 0;
    // Every iteration of loop counts triplets with first element as arr[i]
    for (let i = 0; i < n - 2; i++) {
        // Initialize other two elements as corner elements of subarray arr[j+1..k]
        let j = i + 1, k = n - 1;
        // Use meet in the middle concept
        while (j < k) {
            // If sum of current triplet is more or equal, move right corner to look for smaller values
            if (arr[i] + arr[j] + arr[k] >= sum)
                k--;
            // Else move left corner
            else {
                // For current i and j, there can be total k - j third elements
                ans += (k - j);
                j++;
            }
        }
    }
    return ans;
}

// Driver code
let arr = [5, 1, 3, 4, 7];
let n = arr.length;
let sum = 12;
console.log(countTriplets(arr, n, sum));
