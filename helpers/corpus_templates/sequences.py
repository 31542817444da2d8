"""Families on tables and recurrences of numbers (ints below 2**31)."""

from __future__ import annotations

from helpers.corpus_templates import Family, cpp, java, pick

MULTIPLICATION_TABLE = Family(
    name="multiplication_table",
    titles=(
        "Program to print multiplication table of a number",
        "Print the table of $n up to $k",
        "Multiplication table of n",
        "Display n * 1 to n * k",
    ),
    comments=(
        ("Function to print the multiplication table of n up to k", "Prints n * i = product for every i"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "printTable", "multiplicationTable", "table"),
        "n": rng.randint(2, 99),
        "k": rng.randint(3, 10),
    },
    programs=dict(
        python="""
@0
def $fn(n, k):
    for i in range(1, k + 1):
        print(n, "*", i, "=", n * i)


@D
n = $n
$fn(n, $k)
""",
        java=java("""
@0
static void $fn(int n, int k) {
    for (int i = 1; i <= k; ++i)
        System.out.println(n + " * " + i + " = " + n * i);
}

@D
public static void main(String[] args) {
    int n = $n;
    $fn(n, $k);
}
"""),
        javascript="""
@0
function $fn(n, k) {
    for (let i = 1; i <= k; ++i)
        console.log(n + " * " + i + " = " + n * i);
}

@D
let n = $n;
$fn(n, $k);
""",
        cpp=cpp("""
@0
void $fn(int n, int k) {
    for (int i = 1; i <= k; ++i)
        cout << n << " * " << i << " = " << n * i << endl;
}

@D
int main() {
    int n = $n;
    $fn(n, $k);
    return 0;
}
"""),
    ),
)

TRIBONACCI = Family(
    name="tribonacci_numbers",
    titles=(
        "Tribonacci Numbers",
        "Print the first $n tribonacci numbers",
        "Program to print tribonacci series",
        "Each term is the sum of the three before it",
    ),
    comments=(
        ("Function to print the first n tribonacci numbers", "Prints the tribonacci series"),
        ("The first three terms are 0 , 0 and 1", "Initialize the first three terms"),
        ("Shift the window of the last three terms", "Next term is the sum of the last three"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "printTrib", "tribonacci", "printTribonacci"),
        "n": rng.randint(4, 30),
    },
    programs=dict(
        python="""
@0
def $fn(n):
    @1
    a = 0
    b = 0
    c = 1
    print(a, b, c, end=" ")
    for i in range(3, n):
        @2
        d = a + b + c
        a = b
        b = c
        c = d
        print(d, end=" ")
    print()


@D
n = $n
$fn(n)
""",
        java=java("""
@0
static void $fn(int n) {
    @1
    int a = 0, b = 0, c = 1;
    System.out.print(a + " " + b + " " + c + " ");
    for (int i = 3; i < n; i++) {
        @2
        int d = a + b + c;
        a = b;
        b = c;
        c = d;
        System.out.print(d + " ");
    }
    System.out.println();
}

@D
public static void main(String[] args) {
    int n = $n;
    $fn(n);
}
"""),
        javascript="""
@0
function $fn(n) {
    @1
    let a = 0, b = 0, c = 1;
    let line = a + " " + b + " " + c + " ";
    for (let i = 3; i < n; i++) {
        @2
        let d = a + b + c;
        a = b;
        b = c;
        c = d;
        line += d + " ";
    }
    console.log(line);
}

@D
let n = $n;
$fn(n);
""",
        cpp=cpp("""
@0
void $fn(int n) {
    @1
    int a = 0, b = 0, c = 1;
    cout << a << " " << b << " " << c << " ";
    for (int i = 3; i < n; i++) {
        @2
        int d = a + b + c;
        a = b;
        b = c;
        c = d;
        cout << d << " ";
    }
    cout << endl;
}

@D
int main() {
    int n = $n;
    $fn(n);
    return 0;
}
"""),
    ),
)

FAMILIES = [MULTIPLICATION_TABLE, TRIBONACCI]
