// Function to find the missing number in an array of numbers from 1 to n + 1
function getMissingNo(a, n) {
    // Sum of the first n + 1 natural numbers
    let total = Math.floor((n + 1) * (n + 2) / 2);
    // Subtract every array element from the total
    for (let i = 0; i < n; i++)
        total -= a[i];
    return total;
}

// Driver code
let arr = [1, 2, 3, 5];
let N = arr.length;
console.log(getMissingNo(arr, N));
let arr2 = [1, 2, 4, 5, 6];
console.log(getMissingNo(arr2, arr2.length));
