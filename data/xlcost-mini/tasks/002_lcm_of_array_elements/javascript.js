// Function to return gcd of a and b
function gcd(a, b) {
    if (a == 0)
        return b;
    return gcd(b % a, a);
}

// Function to find lcm of the array elements
function findLcm(arr, n) {
    // Initialize result
    let ans = arr[0];
    // ans contains the lcm of arr[0] to arr[i] after the ith iteration
    for (let i = 1; i < n; i++)
        ans = Math.floor((arr[i] * ans) / gcd(arr[i], ans));
    return ans;
}

// Driver code
let arr = [2, 7, 3, 9, 4];
let n = arr.length;
console.log(findLcm(arr, n));
arr = [1, 2, 8, 3];
n = arr.length;
console.log(findLcm(arr, n));
