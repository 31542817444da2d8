// Function to return the floor of the square root of x
function floorSqrt(x) {
    // Base cases
    if (x == 0 || x == 1)
        return x;
    // Do binary search for floor(sqrt(x))
    let start = 1, end = Math.floor(x / 2), ans = 0;
    while (start <= end) {
        let mid = Math.floor((start + end) / 2);
        // If x is a perfect square
        if (mid * mid == x)
            return mid;
        // Since we need the floor, update the answer when mid * mid is smaller than x
        if (mid * mid < x) {
            start = mid + 1;
            ans = mid;
        }
        // If mid * mid is greater than x
        else
            end = mid - 1;
    }
    return ans;
}

// Driver code
let arr = [11, 16, 1000000007];
for (let x of arr)
    console.log(floorSqrt(x));
