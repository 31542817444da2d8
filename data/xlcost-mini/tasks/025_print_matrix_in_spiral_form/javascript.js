// Function to print a matrix in spiral form
function spiralPrint(m, n, a) {
    // k is the starting row, m the ending row, left the starting column and n the ending column
    let k = 0, left = 0;
    let result = [];
    while (k < m && left < n) {
        // Print the first row from the remaining rows
        for (let i = left; i < n; ++i)
            result.push(a[k][i]);
        k++;
        // Print the last column from the remaining columns
        for (let i = k; i < m; ++i)
            result.push(a[i][n - 1]);
        n--;
        // Print the last row from the remaining rows
        if (k < m) {
            for (let i = n - 1; i >= left; --i)
                result.push(a[m - 1][i]);
            m--;
        }
        // Print the first column from the remaining columns
        if (left < n) {
            for (let i = m - 1; i >= k; --i)
                result.push(a[i][left]);
            left++;
        }
    }
    console.log(result.join(" "));
}

// Driver code
let a = [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [13, 14, 15, 16, 17, 18]];
let R = 3, C = 6;
spiralPrint(R, C, a);
