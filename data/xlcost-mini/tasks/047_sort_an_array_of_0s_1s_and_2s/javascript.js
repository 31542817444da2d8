// Function to sort an array of 0s, 1s and 2s in a single traversal
function sort012(a, arr_size) {
    let lo = 0, hi = arr_size - 1, mid = 0, temp;
    while (mid <= hi) {
        // If the element is 0, swap it into the low part
        if (a[mid] == 0) {
            temp = a[lo];
            a[lo] = a[mid];
            a[mid] = temp;
            lo++;
            mid++;
        }
        // If the element is 1, leave it in the middle part
        else if (a[mid] == 1) {
            mid++;
        }
        // If the element is 2, swap it into the high part
        else {
            temp = a[mid];
            a[mid] = a[hi];
            a[hi] = temp;
            hi--;
        }
    }
}

// Function to print array arr[]
function printArray(a, arr_size) {
    console.log(a.slice(0, arr_size).join(" "));
}

// Driver code
let arr = [0, 1, 1, 0, 1, 2, 1, 2, 0, 0, 0, 1];
let arr_size = arr.length;
sort012(arr, arr_size);
printArray(arr, arr_size);
