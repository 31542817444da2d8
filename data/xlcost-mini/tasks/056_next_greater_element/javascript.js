// Function to print the next greater element for every element of the array
function printNGE(arr, n) {
    let nge = new Array(n).fill(-1);
    let s = [];
    // Traverse the array from right to left
    for (let i = n - 1; i >= 0; i--) {
        // Pop the elements that are not greater than the current element
        while (s.length > 0 && s[s.length - 1] <= arr[i])
            s.pop();
        // If the stack is not empty, its top is the next greater element
        if (s.length > 0)
            nge[i] = s[s.length - 1];
        // Push the current element onto the stack
        s.push(arr[i]);
    }
    for (let i = 0; i < n; i++)
        console.log(arr[i] + " --> " + nge[i]);
}

// Driver code
let arr = [11, 13, 21, 3];
let n = arr.length;
printNGE(arr, n);
