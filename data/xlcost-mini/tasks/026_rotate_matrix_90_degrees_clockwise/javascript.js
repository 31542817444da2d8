// Function to rotate a square matrix by 90 degrees in clockwise direction
function rotate90Clockwise(a, N) {
    // Traverse each cycle
    for (let i = 0; i < Math.floor(N / 2); i++) {
        for (let j = i; j < N - i - 1; j++) {
            // Swap the four elements of the cycle in clockwise direction
            let temp = a[i][j];
            a[i][j] = a[N - 1 - j][i];
            a[N - 1 - j][i] = a[N - 1 - i][N - 1 - j];
            a[N - 1 - i][N - 1 - j] = a[j][N - 1 - i];
            a[j][N - 1 - i] = temp;
        }
    }
}

// Function to print the matrix
function printMatrix(a, N) {
    for (let i = 0; i < N; i++)
        console.log(a[i].slice(0, N).join(" "));
}

// Driver code
let arr = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]];
let N = 4;
rotate90Clockwise(arr, N);
printMatrix(arr, N);
