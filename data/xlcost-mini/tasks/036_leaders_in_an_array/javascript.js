// Function to print leaders in an array
function printLeaders(arr, size) {
    let leaders = [];
    // Rightmost element is always leader
    let max_from_right = arr[size - 1];
    leaders.push(max_from_right);
    // Scan from right to left and keep track of the maximum so far
    for (let i = size - 2; i >= 0; i--) {
        if (max_from_right < arr[i]) {
            max_from_right = arr[i];
            leaders.push(max_from_right);
        }
    }
    // Leaders were found from right to left, so print them in reverse order
    leaders.reverse();
    console.log(leaders.join(" "));
}

// Driver code
let arr = [16, 17, 4, 3, 5, 2];
printLeaders(arr, arr.length);
