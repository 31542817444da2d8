"""Families on pairs of elements, or two arrays, found with nested loops."""

from __future__ import annotations

from helpers.corpus_templates import Family, cpp, distinct, ints, java, pick

MAX_PRODUCT_PAIR = Family(
    name="pair_with_maximum_product",
    titles=(
        "Find a pair with maximum product in array of integers",
        "Maximum product of two elements of an array",
        "Program to find the pair with largest product",
        "Print the pair whose product is maximum",
    ),
    comments=(
        ("Function to find the pair with the maximum product", "Prints the pair with largest product"),
        ("Try every pair i < j", "Check all pairs with two loops"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "maxProduct", "findMaxPair", "maxProductPair"),
        "arr": ints(rng, rng.randint(4, 8), 1, 300),
    },
    programs=dict(
        python="""
@0
def $fn(arr, n):
    a = arr[0]
    b = arr[1]
    @1
    for i in range(n):
        for j in range(i + 1, n):
            if arr[i] * arr[j] > a * b:
                a = arr[i]
                b = arr[j]
    print("Max product pair is {", a, ",", b, "}")


@D
arr = $arr
n = len(arr)
$fn(arr, n)
""",
        java=java("""
@0
static void $fn(int arr[], int n) {
    int a = arr[0], b = arr[1];
    @1
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (arr[i] * arr[j] > a * b) {
                a = arr[i];
                b = arr[j];
            }
    System.out.println("Max product pair is { " + a + " , " + b + " }");
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
    let a = arr[0], b = arr[1];
    @1
    for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++)
            if (arr[i] * arr[j] > a * b) {
                a = arr[i];
                b = arr[j];
            }
    console.log("Max product pair is { " + a + " , " + b + " }");
}

@D
let arr = $arr;
let n = arr.length;
$fn(arr, n);
""",
        cpp=cpp("""
@0
void $fn(int arr[], int n) {
    int a = arr[0], b = arr[1];
    @1
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (arr[i] * arr[j] > a * b) {
                a = arr[i];
                b = arr[j];
            }
    cout << "Max product pair is { " << a << " , " << b << " }" << endl;
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

PAIRS_WITH_DIFFERENCE = Family(
    name="count_pairs_with_difference_k",
    titles=(
        "Count all distinct pairs with difference equal to k",
        "Count pairs whose difference is $k",
        "Number of pairs in an array with given difference",
        "Pairs with absolute difference k",
    ),
    comments=(
        ("Function to count the pairs with difference k", "Returns the count of pairs with difference k"),
        ("Check the difference in both directions", "arr [ i ] - arr [ j ] is k or - k"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "countPairsWithDiffK", "countPairs", "pairCount"),
        "arr": distinct(rng, rng.randint(5, 9), 1, 30),
        "k": rng.randint(1, 6),
    },
    programs=dict(
        python="""
@0
def $fn(arr, n, k):
    count = 0
    for i in range(n):
        for j in range(i + 1, n):
            @1
            if arr[i] - arr[j] == k or arr[j] - arr[i] == k:
                count += 1
    return count


@D
arr = $arr
n = len(arr)
k = $k
print("Count of pairs with given diff is", $fn(arr, n, k))
""",
        java=java("""
@0
static int $fn(int arr[], int n, int k) {
    int count = 0;
    for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++)
            @1
            if (arr[i] - arr[j] == k || arr[j] - arr[i] == k)
                count++;
    }
    return count;
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    int k = $k;
    System.out.println("Count of pairs with given diff is " + $fn(arr, n, k));
}
"""),
        javascript="""
@0
function $fn(arr, n, k) {
    let count = 0;
    for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++)
            @1
            if (arr[i] - arr[j] == k || arr[j] - arr[i] == k)
                count++;
    }
    return count;
}

@D
let arr = $arr;
let n = arr.length;
let k = $k;
console.log("Count of pairs with given diff is " + $fn(arr, n, k));
""",
        cpp=cpp("""
@0
int $fn(int arr[], int n, int k) {
    int count = 0;
    for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++)
            @1
            if (arr[i] - arr[j] == k || arr[j] - arr[i] == k)
                count++;
    }
    return count;
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    int k = $k;
    cout << "Count of pairs with given diff is " << $fn(arr, n, k) << endl;
    return 0;
}
"""),
    ),
)

DOT_PRODUCT = Family(
    name="dot_product_of_two_arrays",
    titles=(
        "Dot product of two vectors",
        "Sum of products of corresponding elements of two arrays",
        "Program to find the dot product of two arrays",
        "Compute a [ 0 ] * b [ 0 ] + ... + a [ n - 1 ] * b [ n - 1 ]",
    ),
    comments=(
        ("Function that returns the dot product of a and b", "Returns the sum of a [ i ] * b [ i ]"),
        ("Multiply corresponding elements and add", "Accumulate the products"),
    ),
    params=lambda rng: (
        lambda n: {
            "fn": pick(rng, "dotProduct", "sumOfProducts", "dot"),
            "a": ints(rng, n, 1, 50),
            "b": ints(rng, n, 1, 50),
        }
    )(rng.randint(3, 7)),
    programs=dict(
        python="""
@0
def $fn(a, b, n):
    product = 0
    for i in range(n):
        @1
        product = product + a[i] * b[i]
    return product


@D
a = $a
b = $b
n = len(a)
print("Dot product is", $fn(a, b, n))
""",
        java=java("""
@0
static int $fn(int a[], int b[], int n) {
    int product = 0;
    for (int i = 0; i < n; i++)
        @1
        product = product + a[i] * b[i];
    return product;
}

@D
public static void main(String[] args) {
    int a[] = $a;
    int b[] = $b;
    int n = a.length;
    System.out.println("Dot product is " + $fn(a, b, n));
}
"""),
        javascript="""
@0
function $fn(a, b, n) {
    let product = 0;
    for (let i = 0; i < n; i++)
        @1
        product = product + a[i] * b[i];
    return product;
}

@D
let a = $a;
let b = $b;
let n = a.length;
console.log("Dot product is " + $fn(a, b, n));
""",
        cpp=cpp("""
@0
int $fn(int a[], int b[], int n) {
    int product = 0;
    for (int i = 0; i < n; i++)
        @1
        product = product + a[i] * b[i];
    return product;
}

@D
int main() {
    int a[] = $a;
    int b[] = $b;
    int n = sizeof(a) / sizeof(a[0]);
    cout << "Dot product is " << $fn(a, b, n) << endl;
    return 0;
}
"""),
    ),
)

COUNT_DISTINCT = Family(
    name="count_distinct_elements",
    titles=(
        "Count distinct elements in an array",
        "Number of distinct values in a given array",
        "Program to count unique elements using two loops",
        "Count the different elements of arr [ ]",
    ),
    comments=(
        ("Function to count the distinct elements of arr", "Returns the number of distinct elements"),
        ("Check if this element appeared before", "Look for arr [ i ] among earlier elements"),
        ("If not seen before , count it", "First occurrence of the element"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "countDistinct", "distinctCount", "countUnique"),
        "arr": ints(rng, rng.randint(5, 10), 1, 9),
    },
    programs=dict(
        python="""
@0
def $fn(arr, n):
    res = 1
    for i in range(1, n):
        j = 0
        @1
        while j < i:
            if arr[i] == arr[j]:
                break
            j += 1
        @2
        if i == j:
            res += 1
    return res


@D
arr = $arr
n = len(arr)
print($fn(arr, n))
""",
        java=java("""
@0
static int $fn(int arr[], int n) {
    int res = 1;
    for (int i = 1; i < n; i++) {
        int j = 0;
        @1
        for (j = 0; j < i; j++)
            if (arr[i] == arr[j])
                break;
        @2
        if (i == j)
            res++;
    }
    return res;
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    System.out.println($fn(arr, n));
}
"""),
        javascript="""
@0
function $fn(arr, n) {
    let res = 1;
    for (let i = 1; i < n; i++) {
        let j = 0;
        @1
        for (j = 0; j < i; j++)
            if (arr[i] == arr[j])
                break;
        @2
        if (i == j)
            res++;
    }
    return res;
}

@D
let arr = $arr;
let n = arr.length;
console.log($fn(arr, n));
""",
        cpp=cpp("""
@0
int $fn(int arr[], int n) {
    int res = 1;
    for (int i = 1; i < n; i++) {
        int j = 0;
        @1
        for (j = 0; j < i; j++)
            if (arr[i] == arr[j])
                break;
        @2
        if (i == j)
            res++;
    }
    return res;
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    cout << $fn(arr, n) << endl;
    return 0;
}
"""),
    ),
)

MOVE_ZEROS = Family(
    name="move_all_zeroes_to_end_of_array",
    titles=(
        "Move all zeroes to end of array",
        "Push all zeros of an array to the end",
        "Program to move zeros to the end keeping the order of other elements",
        "Shift the non zero elements to the front",
    ),
    comments=(
        ("Function which pushes all zeros to end of an array", "Moves every 0 to the end"),
        ("If element is non zero , put it at index count", "Keep the non zero elements in order"),
        ("Fill the rest with zeros", "Now all non zero elements are at the front"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "pushZerosToEnd", "moveZeros", "shiftZeros"),
        "arr": [0 if rng.random() < 0.35 else rng.randint(1, 9) for _ in range(rng.randint(5, 10))],
    },
    programs=dict(
        python="""
@0
def $fn(arr, n):
    count = 0
    for i in range(n):
        @1
        if arr[i] != 0:
            arr[count] = arr[i]
            count += 1
    @2
    while count < n:
        arr[count] = 0
        count += 1


@D
arr = $arr
n = len(arr)
$fn(arr, n)
print("Array after pushing all zeros to end of array :")
for i in range(n):
    print(arr[i], end=" ")
print()
""",
        java=java("""
@0
static void $fn(int arr[], int n) {
    int count = 0;
    for (int i = 0; i < n; i++)
        @1
        if (arr[i] != 0)
            arr[count++] = arr[i];
    @2
    while (count < n)
        arr[count++] = 0;
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    $fn(arr, n);
    System.out.println("Array after pushing all zeros to end of array :");
    for (int i = 0; i < n; i++)
        System.out.print(arr[i] + " ");
    System.out.println();
}
"""),
        javascript="""
@0
function $fn(arr, n) {
    let count = 0;
    for (let i = 0; i < n; i++)
        @1
        if (arr[i] != 0)
            arr[count++] = arr[i];
    @2
    while (count < n)
        arr[count++] = 0;
}

@D
let arr = $arr;
let n = arr.length;
$fn(arr, n);
console.log("Array after pushing all zeros to end of array :");
let line = "";
for (let i = 0; i < n; i++)
    line += arr[i] + " ";
console.log(line);
""",
        cpp=cpp("""
@0
void $fn(int arr[], int n) {
    int count = 0;
    for (int i = 0; i < n; i++)
        @1
        if (arr[i] != 0)
            arr[count++] = arr[i];
    @2
    while (count < n)
        arr[count++] = 0;
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    $fn(arr, n);
    cout << "Array after pushing all zeros to end of array :" << endl;
    for (int i = 0; i < n; i++)
        cout << arr[i] << " ";
    cout << endl;
    return 0;
}
"""),
    ),
)

CHECK_SORTED = Family(
    name="check_if_array_is_sorted",
    titles=(
        "Program to check if an array is sorted or not",
        "Check whether array is in non decreasing order",
        "Find if the given array is sorted",
        "Is the array sorted in ascending order",
    ),
    comments=(
        ("Function that returns true if arr [ 0 .. n - 1 ] is sorted", "Checks the array order"),
        ("An unsorted pair is found", "A larger element comes before a smaller one"),
    ),
    params=lambda rng: (
        lambda arr: {
            "fn": pick(rng, "arraySortedOrNot", "isSorted", "checkSorted"),
            "arr": sorted(arr) if rng.random() < 0.5 else arr,
            "brr": ints(rng, 4, 1, 20),
        }
    )(ints(rng, rng.randint(4, 8), 1, 60)),
    programs=dict(
        python="""
@0
def $fn(arr, n):
    for i in range(1, n):
        @1
        if arr[i - 1] > arr[i]:
            return False
    return True


@D
for arr in [$arr, $brr]:
    n = len(arr)
    if $fn(arr, n):
        print("Yes")
    else:
        print("No")
""",
        java=java("""
@0
static boolean $fn(int arr[], int n) {
    for (int i = 1; i < n; i++)
        @1
        if (arr[i - 1] > arr[i])
            return false;
    return true;
}

@D
public static void main(String[] args) {
    int arrays[][] = {$arr, $brr};
    for (int arr[] : arrays) {
        int n = arr.length;
        if ($fn(arr, n))
            System.out.println("Yes");
        else
            System.out.println("No");
    }
}
"""),
        javascript="""
@0
function $fn(arr, n) {
    for (let i = 1; i < n; i++)
        @1
        if (arr[i - 1] > arr[i])
            return false;
    return true;
}

@D
for (let arr of [$arr, $brr]) {
    let n = arr.length;
    if ($fn(arr, n))
        console.log("Yes");
    else
        console.log("No");
}
""",
        cpp=cpp("""
@0
bool $fn(vector<int> arr, int n) {
    for (int i = 1; i < n; i++)
        @1
        if (arr[i - 1] > arr[i])
            return false;
    return true;
}

@D
int main() {
    vector<vector<int>> arrays = {$arr, $brr};
    for (vector<int> arr : arrays) {
        int n = arr.size();
        if ($fn(arr, n))
            cout << "Yes" << endl;
        else
            cout << "No" << endl;
    }
    return 0;
}
"""),
    ),
)

FAMILIES = [MAX_PRODUCT_PAIR, PAIRS_WITH_DIFFERENCE, DOT_PRODUCT, COUNT_DISTINCT, MOVE_ZEROS, CHECK_SORTED]
