// Function to find the first occurrence of x in sorted arr[]
function firstOccurrence(arr, n, x) {
    let low = 0, high = n - 1, res = -1;
    while (low <= high) {
        let mid = low + Math.floor((high - low) / 2);
        if (arr[mid] > x)
            high = mid - 1;
        else if (arr[mid] < x)
            low = mid + 1;
        // If arr[mid] is equal to x, store it and keep searching in the left half
        else {
            res = mid;
            high = mid - 1;
        }
    }
    return res;
}

// Function to find the last occurrence of x in sorted arr[]
function lastOccurrence(arr, n, x) {
    let low = 0, high = n - 1, res = -1;
    while (low <= high) {
        let mid = low + Math.floor((high - low) / 2);
        if (arr[mid] > x)
            high = mid - 1;
        else if (arr[mid] < x)
            low = mid + 1;
        // If arr[mid] is equal to x, store it and keep searching in the right half
        else {
            res = mid;
            low = mid + 1;
        }
    }
    return res;
}

// Driver code
let arr = [1, 2, 2, 2, 2, 3, 4, 7, 8, 8];
let n = arr.length;
let x = 2;
console.log("First Occurrence = " + firstOccurrence(arr, n, x));
console.log("Last Occurrence = " + lastOccurrence(arr, n, x));
