"""Families on small matrices (Python and JavaScript lists of lists, Java int[][], C++ vectors)."""

from __future__ import annotations

import random

from helpers.corpus_templates import Family, cpp, ints, java, pick


def matrix(rng: random.Random, rows: int, cols: int, low: int = 1, high: int = 9) -> list:
    """A rows x cols matrix of ints from [low, high]."""
    return [ints(rng, cols, low, high) for _ in range(rows)]


DIAGONAL_SUMS = Family(
    name="sum_of_diagonals_of_a_square_matrix",
    titles=(
        "Find the sum of the diagonals of a matrix",
        "Principal and secondary diagonal sums",
        "Program to compute the sums of both diagonals of a square matrix",
        "Sum of the elements on the two diagonals",
    ),
    comments=(
        (
            "Function to print the sums of the principal and secondary diagonals",
            "Prints both diagonal sums of mat",
        ),
        ("Condition for principal diagonal", "Element on the main diagonal"),
        ("Condition for secondary diagonal", "Element on the anti diagonal"),
    ),
    params=lambda rng: (
        lambda n: {
            "fn": pick(rng, "printDiagonalSums", "diagonalSums", "sumDiagonals"),
            "mat": matrix(rng, n, n),
        }
    )(rng.randint(2, 5)),
    programs=dict(
        python="""
@0
def $fn(mat, n):
    principal = 0
    secondary = 0
    for i in range(n):
        for j in range(n):
            @1
            if i == j:
                principal += mat[i][j]
            @2
            if i + j == n - 1:
                secondary += mat[i][j]
    print("Principal Diagonal:", principal)
    print("Secondary Diagonal:", secondary)


@D
mat = $mat
$fn(mat, len(mat))
""",
        java=java("""
@0
static void $fn(int mat[][], int n) {
    int principal = 0, secondary = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            @1
            if (i == j)
                principal += mat[i][j];
            @2
            if (i + j == n - 1)
                secondary += mat[i][j];
        }
    }
    System.out.println("Principal Diagonal: " + principal);
    System.out.println("Secondary Diagonal: " + secondary);
}

@D
public static void main(String[] args) {
    int mat[][] = $mat;
    $fn(mat, mat.length);
}
"""),
        javascript="""
@0
function $fn(mat, n) {
    let principal = 0, secondary = 0;
    for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
            @1
            if (i == j)
                principal += mat[i][j];
            @2
            if (i + j == n - 1)
                secondary += mat[i][j];
        }
    }
    console.log("Principal Diagonal: " + principal);
    console.log("Secondary Diagonal: " + secondary);
}

@D
let mat = $mat;
$fn(mat, mat.length);
""",
        cpp=cpp("""
@0
void $fn(vector<vector<int>> &mat, int n) {
    int principal = 0, secondary = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            @1
            if (i == j)
                principal += mat[i][j];
            @2
            if (i + j == n - 1)
                secondary += mat[i][j];
        }
    }
    cout << "Principal Diagonal: " << principal << endl;
    cout << "Secondary Diagonal: " << secondary << endl;
}

@D
int main() {
    vector<vector<int>> mat = $mat;
    $fn(mat, mat.size());
    return 0;
}
"""),
    ),
)

ROW_SUMS = Family(
    name="sum_of_each_row_of_a_matrix",
    titles=(
        "Program to find the sum of each row of a matrix",
        "Row wise sum of a matrix",
        "Print the sum of every row of a given matrix",
        "Find the total of each row",
    ),
    comments=(
        ("Function to print the sum of every row of mat", "Prints the row sums"),
        ("Add the elements of row i", "Traverse the columns of the row"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "row_sum", "rowSums", "printRowSum"),
        "mat": matrix(rng, rng.randint(2, 4), rng.randint(2, 5), 1, 50),
    },
    programs=dict(
        python="""
@0
def $fn(mat):
    for i in range(len(mat)):
        total = 0
        @1
        for j in range(len(mat[i])):
            total += mat[i][j]
        print("Sum of the row", i, "=", total)


@D
mat = $mat
$fn(mat)
""",
        java=java("""
@0
static void $fn(int mat[][]) {
    for (int i = 0; i < mat.length; i++) {
        int total = 0;
        @1
        for (int j = 0; j < mat[i].length; j++)
            total += mat[i][j];
        System.out.println("Sum of the row " + i + " = " + total);
    }
}

@D
public static void main(String[] args) {
    int mat[][] = $mat;
    $fn(mat);
}
"""),
        javascript="""
@0
function $fn(mat) {
    for (let i = 0; i < mat.length; i++) {
        let total = 0;
        @1
        for (let j = 0; j < mat[i].length; j++)
            total += mat[i][j];
        console.log("Sum of the row " + i + " = " + total);
    }
}

@D
let mat = $mat;
$fn(mat);
""",
        cpp=cpp("""
@0
void $fn(vector<vector<int>> &mat) {
    for (int i = 0; i < (int)mat.size(); i++) {
        int total = 0;
        @1
        for (int j = 0; j < (int)mat[i].size(); j++)
            total += mat[i][j];
        cout << "Sum of the row " << i << " = " << total << endl;
    }
}

@D
int main() {
    vector<vector<int>> mat = $mat;
    $fn(mat);
    return 0;
}
"""),
    ),
)

MATRIX_ADDITION = Family(
    name="add_two_matrices",
    titles=(
        "Program for addition of two matrices",
        "Add two matrices of the same size",
        "Matrix addition",
        "Find the sum matrix of A and B",
    ),
    comments=(
        ("Function to add A and B and print the result", "Prints A + B element by element"),
        (
            "Each element is the sum of the corresponding elements",
            "C [ i ] [ j ] = A [ i ] [ j ] + B [ i ] [ j ]",
        ),
    ),
    params=lambda rng: (
        lambda r, c: {
            "fn": pick(rng, "add", "addMatrices", "sumMatrix"),
            "A": matrix(rng, r, c),
            "B": matrix(rng, r, c),
        }
    )(rng.randint(2, 3), rng.randint(2, 4)),
    programs=dict(
        python="""
@0
def $fn(A, B):
    for i in range(len(A)):
        for j in range(len(A[0])):
            @1
            print(A[i][j] + B[i][j], end=" ")
        print()


@D
A = $A
B = $B
print("Result matrix is")
$fn(A, B)
""",
        java=java("""
@0
static void $fn(int A[][], int B[][]) {
    for (int i = 0; i < A.length; i++) {
        for (int j = 0; j < A[0].length; j++)
            @1
            System.out.print((A[i][j] + B[i][j]) + " ");
        System.out.println();
    }
}

@D
public static void main(String[] args) {
    int A[][] = $A;
    int B[][] = $B;
    System.out.println("Result matrix is");
    $fn(A, B);
}
"""),
        javascript="""
@0
function $fn(A, B) {
    for (let i = 0; i < A.length; i++) {
        let line = "";
        for (let j = 0; j < A[0].length; j++)
            @1
            line += (A[i][j] + B[i][j]) + " ";
        console.log(line);
    }
}

@D
let A = $A;
let B = $B;
console.log("Result matrix is");
$fn(A, B);
""",
        cpp=cpp("""
@0
void $fn(vector<vector<int>> &A, vector<vector<int>> &B) {
    for (int i = 0; i < (int)A.size(); i++) {
        for (int j = 0; j < (int)A[0].size(); j++)
            @1
            cout << A[i][j] + B[i][j] << " ";
        cout << endl;
    }
}

@D
int main() {
    vector<vector<int>> A = $A;
    vector<vector<int>> B = $B;
    cout << "Result matrix is" << endl;
    $fn(A, B);
    return 0;
}
"""),
    ),
)

MATRIX_MULTIPLICATION = Family(
    name="multiply_two_square_matrices",
    titles=(
        "Program to multiply two matrices",
        "Matrix multiplication of two square matrices",
        "Find the product of two n x n matrices",
        "Multiply matrices A and B",
    ),
    comments=(
        ("Function to multiply two square matrices and print the product", "Prints the product of A and B"),
        (
            "Result element is the dot product of row i of A and column j of B",
            "Sum over k of A [ i ] [ k ] * B [ k ] [ j ]",
        ),
    ),
    params=lambda rng: (
        lambda n: {
            "fn": pick(rng, "multiply", "multiplyMatrices", "matMul"),
            "A": matrix(rng, n, n),
            "B": matrix(rng, n, n),
        }
    )(rng.randint(2, 3)),
    programs=dict(
        python="""
@0
def $fn(A, B, n):
    for i in range(n):
        for j in range(n):
            total = 0
            @1
            for k in range(n):
                total += A[i][k] * B[k][j]
            print(total, end=" ")
        print()


@D
A = $A
B = $B
$fn(A, B, len(A))
""",
        java=java("""
@0
static void $fn(int A[][], int B[][], int n) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            int total = 0;
            @1
            for (int k = 0; k < n; k++)
                total += A[i][k] * B[k][j];
            System.out.print(total + " ");
        }
        System.out.println();
    }
}

@D
public static void main(String[] args) {
    int A[][] = $A;
    int B[][] = $B;
    $fn(A, B, A.length);
}
"""),
        javascript="""
@0
function $fn(A, B, n) {
    for (let i = 0; i < n; i++) {
        let line = "";
        for (let j = 0; j < n; j++) {
            let total = 0;
            @1
            for (let k = 0; k < n; k++)
                total += A[i][k] * B[k][j];
            line += total + " ";
        }
        console.log(line);
    }
}

@D
let A = $A;
let B = $B;
$fn(A, B, A.length);
""",
        cpp=cpp("""
@0
void $fn(vector<vector<int>> &A, vector<vector<int>> &B, int n) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            int total = 0;
            @1
            for (int k = 0; k < n; k++)
                total += A[i][k] * B[k][j];
            cout << total << " ";
        }
        cout << endl;
    }
}

@D
int main() {
    vector<vector<int>> A = $A;
    vector<vector<int>> B = $B;
    $fn(A, B, A.size());
    return 0;
}
"""),
    ),
)

FAMILIES = [DIAGONAL_SUMS, ROW_SUMS, MATRIX_ADDITION, MATRIX_MULTIPLICATION]
