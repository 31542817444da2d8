// Function to print the second largest element
function print2largest(arr, arr_size) {
    // There should be atleast two elements
    if (arr_size < 2) {
        console.log("Invalid Input");
        return;
    }
    let first = Number.MIN_SAFE_INTEGER;
    let second = Number.MIN_SAFE_INTEGER;
    // Find the largest and the second largest in a single traversal
    for (let i = 0; i < arr_size; i++) {
        // If current element is greater than first then update both first and second
        if (arr[i] > first) {
            second = first;
            first = arr[i];
        }
        // If arr[i] is in between first and second then update second
        else if (arr[i] > second && arr[i] != first) {
            second = arr[i];
        }
    }
    if (second == Number.MIN_SAFE_INTEGER) {
        console.log("There is no second largest element");
    } else {
        console.log("The second largest element is " + second);
    }
}

// Driver code
let arr = [12, 35, 1, 10, 34, 1];
let n = arr.length;
print2largest(arr, n);
let arr2 = [10, 10, 10];
print2largest(arr2, arr2.length);
