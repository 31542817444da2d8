// Function to sort an array using insertion sort
function insertionSort(arr, n) {
    for (let i = 1; i < n; i++) {
        let key = arr[i];
        let j = i - 1;
        // Move elements of arr[0..i-1] that are greater than key one position ahead
        while (j >= 0 && arr[j] > key) {
            arr[j + 1] = arr[j];
            j = j - 1;
        }
        arr[j + 1] = key;
    }
}

// Function to print an array of size n
function printArray(arr, n) {
    console.log(arr.slice(0, n).join(" "));
}

// Driver code
let arr = [12, 11, 13, 5, 6];
let n = arr.length;
insertionSort(arr, n);
printArray(arr, n);
