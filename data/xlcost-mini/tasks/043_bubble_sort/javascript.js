// An optimized version of Bubble Sort
function bubbleSort(arr, n) {
    for (let i = 0; i < n - 1; i++) {
        let swapped = false;
        // Last i elements are already in place
        for (let j = 0; j < n - i - 1; j++) {
            if (arr[j] > arr[j + 1]) {
                // Swap arr[j] and arr[j + 1]
                let temp = arr[j];
                arr[j] = arr[j + 1];
                arr[j + 1] = temp;
                swapped = true;
            }
        }
        // If no two elements were swapped by inner loop, then break
        if (!swapped)
            break;
    }
}

// Function to print an array
function printArray(arr, size) {
    console.log(arr.slice(0, size).join(" "));
}

// Driver code
let arr = [64, 34, 25, 12, 22, 11, 90];
let n = arr.length;
bubbleSort(arr, n);
console.log("Sorted array:");
printArray(arr, n);
