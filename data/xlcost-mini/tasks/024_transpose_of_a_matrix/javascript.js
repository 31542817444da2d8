// Function to store the transpose of A[][] in B[][]
function transpose(A, B, M, N) {
    for (let i = 0; i < N; i++)
        for (let j = 0; j < M; j++)
            // Row i of B is column i of A
            B[i][j] = A[j][i];
}

// Driver code
let A = [[1, 2, 3], [4, 5, 6]];
let M = A.length;
let N = A[0].length;
// B has N rows and M columns
let B = [];
for (let i = 0; i < N; i++)
    B.push(new Array(M).fill(0));
transpose(A, B, M, N);
console.log("Result matrix is");
for (let i = 0; i < N; i++)
    console.log(B[i].join(" "));
