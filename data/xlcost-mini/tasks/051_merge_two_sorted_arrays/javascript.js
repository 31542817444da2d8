// Function to merge arr1[0..n1-1] and arr2[0..n2-1] into arr3[0..n1+n2-1]
function mergeArrays(arr1, arr2, n1, n2) {
    let arr3 = new Array(n1 + n2).fill(0);
    let i = 0, j = 0, k = 0;
    // Traverse both arrays
    while (i < n1 && j < n2) {
        // Pick the smaller of the current elements of both arrays
        if (arr1[i] < arr2[j])
            arr3[k++] = arr1[i++];
        else
            arr3[k++] = arr2[j++];
    }
    // Store remaining elements of first array
    while (i < n1)
        arr3[k++] = arr1[i++];
    // Store remaining elements of second array
    while (j < n2)
        arr3[k++] = arr2[j++];
    console.log("Array after merging");
    console.log(arr3.join(" "));
}

// Driver code
let arr1 = [1, 3, 5, 7];
let arr2 = [2, 4, 6, 8];
mergeArrays(arr1, arr2, arr1.length, arr2.length);
