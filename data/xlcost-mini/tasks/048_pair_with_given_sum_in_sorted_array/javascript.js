// Function to check if there is a pair in sorted A[] with sum equal to X
function isPairSum(A, N, X) {
    // Represents first pointer
    let i = 0;
    // Represents second pointer
    let j = N - 1;
    while (i < j) {
        // If we find a pair
        if (A[i] + A[j] == X)
            return true;
        // If the sum of the elements at the pointers is less, move to higher values
        else if (A[i] + A[j] < X)
            i++;
        // If the sum of the elements at the pointers is more, move to lower values
        else
            j--;
    }
    return false;
}

// Driver code
let arr = [2, 3, 5, 8, 9, 10, 11];
let N = arr.length;
for (let val of [17, 4]) {
    if (isPairSum(arr, N, val))
        console.log("Yes");
    else
        console.log("No");
}
