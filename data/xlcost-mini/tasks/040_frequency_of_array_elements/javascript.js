// Function to count the frequency of each element of the array
function countFreq(arr, n) {
    let mp = new Map();
    // Traverse through array elements and count frequencies
    for (let i = 0; i < n; i++) {
        if (mp.has(arr[i]))
            mp.set(arr[i], mp.get(arr[i]) + 1);
        else
            mp.set(arr[i], 1);
    }
    // Print the elements in increasing order along with their frequencies
    let keys = Array.from(mp.keys()).sort((a, b) => a - b);
    for (let x of keys)
        console.log(x + " " + mp.get(x));
}

// Driver code
let arr = [10, 20, 20, 10, 10, 20, 5, 20];
let n = arr.length;
countFreq(arr, n);
