// Function to get the number of set bits in the binary representation of n
function countSetBits(n) {
    let count = 0;
    while (n > 0) {
        // Clear the least significant set bit
        n &= (n - 1);
        count++;
    }
    return count;
}

// Driver code
let i = 9;
console.log(countSetBits(i));
i = 1000;
console.log(countSetBits(i));
