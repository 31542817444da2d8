// Function to count the paths from the top left to the bottom right cell avoiding blocked cells
function uniquePathsWithObstacles(A) {
    let r = A.length, c = A[0].length;
    // Create a 2D matrix to store the count of paths, moving only right or down
    let paths = [];
    for (let i = 0; i < r; i++)
        paths.push(new Array(c).fill(0));
    // Initialize the top left cell if it is not blocked
    if (A[0][0] == 0)
        paths[0][0] = 1;
    // Initialize the first column
    for (let i = 1; i < r; i++)
        if (A[i][0] == 0)
            paths[i][0] = paths[i - 1][0];
    // Initialize the first row
    for (let j = 1; j < c; j++)
        if (A[0][j] == 0)
            paths[0][j] = paths[0][j - 1];
    // A free cell is reached from the cell above or the cell on its left
    for (let i = 1; i < r; i++)
        for (let j = 1; j < c; j++)
            if (A[i][j] == 0)
                paths[i][j] = paths[i - 1][j] + paths[i][j - 1];
    // Return the count for the bottom right cell
    return paths[r - 1][c - 1];
}

// Driver code
let A = [[0, 0, 0], [0, 1, 0], [0, 0, 0]];
console.log(uniquePathsWithObstacles(A));
let B = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
console.log(uniquePathsWithObstacles(B));
