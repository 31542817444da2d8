"""Families that summarise an array of ints: sums, extremes, counts."""

from __future__ import annotations

from helpers.corpus_templates import Family, cpp, ints, java, pick

ARRAY_SUM = Family(
    name="sum_of_array_elements",
    titles=(
        "Program to find sum of elements in a given array",
        "Sum of array elements",
        "Find the sum of all elements of an array",
        "Calculate the total of an integer array",
    ),
    comments=(
        (
            "Function to return sum of elements in arr [ ] of size n",
            "Returns the sum of the n elements of arr",
        ),
        ("Add every element to the sum", "Traverse the array and accumulate"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "sum", "arraySum", "findSum", "getSum"),
        "arr": ints(rng, rng.randint(3, 8), 1, 100),
        "brr": ints(rng, rng.randint(3, 8), 1, 1000),
    },
    programs=dict(
        python="""
@0
def $fn(arr, n):
    total = 0
    @1
    for i in range(n):
        total = total + arr[i]
    return total


@D
arr = $arr
n = len(arr)
print("Sum of given array is", $fn(arr, n))
arr = $brr
n = len(arr)
print("Sum of given array is", $fn(arr, n))
""",
        java=java("""
@0
static int $fn(int arr[], int n) {
    int total = 0;
    @1
    for (int i = 0; i < n; i++)
        total = total + arr[i];
    return total;
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    System.out.println("Sum of given array is " + $fn(arr, n));
    int brr[] = $brr;
    n = brr.length;
    System.out.println("Sum of given array is " + $fn(brr, n));
}
"""),
        javascript="""
@0
function $fn(arr, n) {
    let total = 0;
    @1
    for (let i = 0; i < n; i++)
        total = total + arr[i];
    return total;
}

@D
let arr = $arr;
let n = arr.length;
console.log("Sum of given array is " + $fn(arr, n));
arr = $brr;
n = arr.length;
console.log("Sum of given array is " + $fn(arr, n));
""",
        cpp=cpp("""
@0
int $fn(int arr[], int n) {
    int total = 0;
    @1
    for (int i = 0; i < n; i++)
        total = total + arr[i];
    return total;
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    cout << "Sum of given array is " << $fn(arr, n) << endl;
    int brr[] = $brr;
    n = sizeof(brr) / sizeof(brr[0]);
    cout << "Sum of given array is " << $fn(brr, n) << endl;
    return 0;
}
"""),
    ),
)

ARRAY_RANGE = Family(
    name="difference_between_largest_and_smallest_element",
    titles=(
        "Difference between the maximum and minimum element of an array",
        "Find the range of an array",
        "Program to find max - min of array elements",
        "Largest and smallest element of an array and their difference",
    ),
    comments=(
        (
            "Function to find the difference between the largest and smallest element",
            "Returns max ( arr ) - min ( arr )",
        ),
        ("Initialize both with the first element", "Start from arr [ 0 ]"),
        ("Update the largest and the smallest", "Compare every element with both"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "findRange", "maxMinDiff", "getDifference"),
        "arr": ints(rng, rng.randint(4, 9), 1, 500),
    },
    programs=dict(
        python="""
@0
def $fn(arr, n):
    @1
    mx = arr[0]
    mn = arr[0]
    for i in range(1, n):
        @2
        if arr[i] > mx:
            mx = arr[i]
        if arr[i] < mn:
            mn = arr[i]
    print("Largest :", mx)
    print("Smallest :", mn)
    return mx - mn


@D
arr = $arr
n = len(arr)
print("Difference :", $fn(arr, n))
""",
        java=java("""
@0
static int $fn(int arr[], int n) {
    @1
    int mx = arr[0], mn = arr[0];
    for (int i = 1; i < n; i++) {
        @2
        if (arr[i] > mx)
            mx = arr[i];
        if (arr[i] < mn)
            mn = arr[i];
    }
    System.out.println("Largest : " + mx);
    System.out.println("Smallest : " + mn);
    return mx - mn;
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    System.out.println("Difference : " + $fn(arr, n));
}
"""),
        javascript="""
@0
function $fn(arr, n) {
    @1
    let mx = arr[0], mn = arr[0];
    for (let i = 1; i < n; i++) {
        @2
        if (arr[i] > mx)
            mx = arr[i];
        if (arr[i] < mn)
            mn = arr[i];
    }
    console.log("Largest : " + mx);
    console.log("Smallest : " + mn);
    return mx - mn;
}

@D
let arr = $arr;
let n = arr.length;
console.log("Difference : " + $fn(arr, n));
""",
        cpp=cpp("""
@0
int $fn(int arr[], int n) {
    @1
    int mx = arr[0], mn = arr[0];
    for (int i = 1; i < n; i++) {
        @2
        if (arr[i] > mx)
            mx = arr[i];
        if (arr[i] < mn)
            mn = arr[i];
    }
    cout << "Largest : " << mx << endl;
    cout << "Smallest : " << mn << endl;
    return mx - mn;
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    int diff = $fn(arr, n);
    cout << "Difference : " << diff << endl;
    return 0;
}
"""),
    ),
)

COUNT_EVEN_ODD = Family(
    name="count_even_and_odd_elements",
    titles=(
        "Count even and odd elements in an array",
        "Program to count even and odd numbers in array",
        "Number of even and odd elements of a given array",
        "Even and odd count of array elements",
    ),
    comments=(
        ("Function to count the even and odd elements of arr", "Prints the number of even and odd elements"),
        ("Even if divisible by 2, otherwise odd", "Check the remainder modulo 2"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "countEvenOdd", "CountingEvenOdd", "evenOddCount"),
        "arr": ints(rng, rng.randint(4, 10), 1, 99),
    },
    programs=dict(
        python="""
@0
def $fn(arr, n):
    even = 0
    odd = 0
    for i in range(n):
        @1
        if arr[i] % 2 == 0:
            even += 1
        else:
            odd += 1
    print("Even elements :", even)
    print("Odd elements :", odd)


@D
arr = $arr
n = len(arr)
$fn(arr, n)
""",
        java=java("""
@0
static void $fn(int arr[], int n) {
    int even = 0, odd = 0;
    for (int i = 0; i < n; i++) {
        @1
        if (arr[i] % 2 == 0)
            even++;
        else
            odd++;
    }
    System.out.println("Even elements : " + even);
    System.out.println("Odd elements : " + odd);
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    $fn(arr, n);
}
"""),
        javascript="""
@0
function $fn(arr, n) {
    let even = 0, odd = 0;
    for (let i = 0; i < n; i++) {
        @1
        if (arr[i] % 2 == 0)
            even++;
        else
            odd++;
    }
    console.log("Even elements : " + even);
    console.log("Odd elements : " + odd);
}

@D
let arr = $arr;
let n = arr.length;
$fn(arr, n);
""",
        cpp=cpp("""
@0
void $fn(int arr[], int n) {
    int even = 0, odd = 0;
    for (int i = 0; i < n; i++) {
        @1
        if (arr[i] % 2 == 0)
            even++;
        else
            odd++;
    }
    cout << "Even elements : " << even << endl;
    cout << "Odd elements : " << odd << endl;
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    $fn(arr, n);
    return 0;
}
"""),
    ),
)

COUNT_OCCURRENCES = Family(
    name="count_occurrences_of_an_element",
    titles=(
        "Count number of occurrences in an array",
        "Count how many times $x appears in arr [ ]",
        "Frequency of a given element in an array",
        "Program to count occurrences of x",
    ),
    comments=(
        ("Returns number of times x occurs in arr [ 0 .. n - 1 ]", "Function to count the occurrences of x"),
        ("Compare every element with x", "Increment res when arr [ i ] equals x"),
    ),
    params=lambda rng: (
        lambda arr: {
            "fn": pick(rng, "countOccurrences", "frequency", "countX"),
            "arr": arr,
            "x": rng.choice(arr),
        }
    )(ints(rng, rng.randint(6, 12), 1, 6)),
    programs=dict(
        python="""
@0
def $fn(arr, n, x):
    res = 0
    for i in range(n):
        @1
        if x == arr[i]:
            res += 1
    return res


@D
arr = $arr
n = len(arr)
x = $x
print($fn(arr, n, x))
""",
        java=java("""
@0
static int $fn(int arr[], int n, int x) {
    int res = 0;
    for (int i = 0; i < n; i++)
        @1
        if (x == arr[i])
            res++;
    return res;
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    int x = $x;
    System.out.println($fn(arr, n, x));
}
"""),
        javascript="""
@0
function $fn(arr, n, x) {
    let res = 0;
    for (let i = 0; i < n; i++)
        @1
        if (x == arr[i])
            res++;
    return res;
}

@D
let arr = $arr;
let n = arr.length;
let x = $x;
console.log($fn(arr, n, x));
""",
        cpp=cpp("""
@0
int $fn(int arr[], int n, int x) {
    int res = 0;
    for (int i = 0; i < n; i++)
        @1
        if (x == arr[i])
            res++;
    return res;
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    int x = $x;
    cout << $fn(arr, n, x) << endl;
    return 0;
}
"""),
    ),
)

FAMILIES = [ARRAY_SUM, ARRAY_RANGE, COUNT_EVEN_ODD, COUNT_OCCURRENCES]
