"""Families that search, reverse or sort an array of ints."""

from __future__ import annotations

from helpers.corpus_templates import Family, cpp, distinct, ints, java, pick

REVERSE_ARRAY = Family(
    name="reverse_an_array",
    titles=(
        "Write a program to reverse an array",
        "Reverse an array in place",
        "Program to reverse the elements of an array",
        "Iterative program to reverse an array",
    ),
    comments=(
        ("Function to reverse arr [ ] from start to end", "Reverses the array in place"),
        ("Swap the elements at start and end", "Exchange the two ends and move inwards"),
        ("Utility function to print an array", "Prints the elements separated by spaces"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "reverseArray", "rvereseArray", "reverse"),
        "pr": pick(rng, "printArray", "display", "printArr"),
        "arr": ints(rng, rng.randint(4, 9), 1, 99),
    },
    programs=dict(
        python="""
@0
def $fn(arr, start, end):
    while start < end:
        @1
        temp = arr[start]
        arr[start] = arr[end]
        arr[end] = temp
        start += 1
        end -= 1


@2
def $pr(arr, n):
    for i in range(n):
        print(arr[i], end=" ")
    print()


@D
arr = $arr
n = len(arr)
$pr(arr, n)
$fn(arr, 0, n - 1)
print("Reversed array is")
$pr(arr, n)
""",
        java=java("""
@0
static void $fn(int arr[], int start, int end) {
    while (start < end) {
        @1
        int temp = arr[start];
        arr[start] = arr[end];
        arr[end] = temp;
        start++;
        end--;
    }
}

@2
static void $pr(int arr[], int n) {
    for (int i = 0; i < n; i++)
        System.out.print(arr[i] + " ");
    System.out.println();
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    $pr(arr, n);
    $fn(arr, 0, n - 1);
    System.out.println("Reversed array is");
    $pr(arr, n);
}
"""),
        javascript="""
@0
function $fn(arr, start, end) {
    while (start < end) {
        @1
        let temp = arr[start];
        arr[start] = arr[end];
        arr[end] = temp;
        start++;
        end--;
    }
}

@2
function $pr(arr, n) {
    let line = "";
    for (let i = 0; i < n; i++)
        line += arr[i] + " ";
    console.log(line);
}

@D
let arr = $arr;
let n = arr.length;
$pr(arr, n);
$fn(arr, 0, n - 1);
console.log("Reversed array is");
$pr(arr, n);
""",
        cpp=cpp("""
@0
void $fn(int arr[], int start, int end) {
    while (start < end) {
        @1
        int temp = arr[start];
        arr[start] = arr[end];
        arr[end] = temp;
        start++;
        end--;
    }
}

@2
void $pr(int arr[], int n) {
    for (int i = 0; i < n; i++)
        cout << arr[i] << " ";
    cout << endl;
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    $pr(arr, n);
    $fn(arr, 0, n - 1);
    cout << "Reversed array is" << endl;
    $pr(arr, n);
    return 0;
}
"""),
    ),
)

LINEAR_SEARCH = Family(
    name="linear_search",
    titles=(
        "Linear Search",
        "Search an element in an array using linear search",
        "Program to find the index of $x in an array",
        "Sequential search in an unsorted array",
    ),
    comments=(
        ("Function to return the index of x in arr , or -1", "Linear search for x in arr [ ]"),
        ("Element not present", "x is not in the array"),
    ),
    params=lambda rng: (
        lambda arr: {
            "fn": pick(rng, "search", "linearSearch", "findIndex"),
            "arr": arr,
            "x": rng.choice(arr),
            "y": rng.choice([v for v in range(1, 120) if v not in arr]),
        }
    )(distinct(rng, rng.randint(4, 9), 1, 99)),
    programs=dict(
        python="""
@0
def $fn(arr, n, x):
    for i in range(n):
        if arr[i] == x:
            return i
    @1
    return -1


@D
arr = $arr
n = len(arr)
for x in [$x, $y]:
    result = $fn(arr, n, x)
    if result == -1:
        print("Element", x, "is not present in array")
    else:
        print("Element", x, "is present at index", result)
""",
        java=java("""
@0
static int $fn(int arr[], int n, int x) {
    for (int i = 0; i < n; i++)
        if (arr[i] == x)
            return i;
    @1
    return -1;
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    int queries[] = {$x, $y};
    for (int x : queries) {
        int result = $fn(arr, n, x);
        if (result == -1)
            System.out.println("Element " + x + " is not present in array");
        else
            System.out.println("Element " + x + " is present at index " + result);
    }
}
"""),
        javascript="""
@0
function $fn(arr, n, x) {
    for (let i = 0; i < n; i++)
        if (arr[i] == x)
            return i;
    @1
    return -1;
}

@D
let arr = $arr;
let n = arr.length;
for (let x of [$x, $y]) {
    let result = $fn(arr, n, x);
    if (result == -1)
        console.log("Element " + x + " is not present in array");
    else
        console.log("Element " + x + " is present at index " + result);
}
""",
        cpp=cpp("""
@0
int $fn(int arr[], int n, int x) {
    for (int i = 0; i < n; i++)
        if (arr[i] == x)
            return i;
    @1
    return -1;
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    int queries[] = {$x, $y};
    for (int x : queries) {
        int result = $fn(arr, n, x);
        if (result == -1)
            cout << "Element " << x << " is not present in array" << endl;
        else
            cout << "Element " << x << " is present at index " << result << endl;
    }
    return 0;
}
"""),
    ),
)

SELECTION_SORT = Family(
    name="selection_sort",
    titles=(
        "Selection Sort",
        "Program for selection sort",
        "Sort an array using selection sort",
        "Sort the array in ascending order by repeatedly selecting the minimum",
    ),
    comments=(
        ("Function to sort arr [ ] using selection sort", "Selection sort of n elements"),
        ("Find the minimum element in the unsorted part", "Index of the smallest remaining element"),
        ("Swap the found minimum element with the first element", "Put the minimum in place"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "selectionSort", "sortArray", "selSort"),
        "arr": ints(rng, rng.randint(5, 9), 1, 99),
    },
    programs=dict(
        python="""
@0
def $fn(arr, n):
    for i in range(n - 1):
        @1
        min_idx = i
        for j in range(i + 1, n):
            if arr[j] < arr[min_idx]:
                min_idx = j
        @2
        arr[i], arr[min_idx] = arr[min_idx], arr[i]


@D
arr = $arr
n = len(arr)
$fn(arr, n)
print("Sorted array")
for i in range(n):
    print(arr[i], end=" ")
print()
""",
        java=java("""
@0
static void $fn(int arr[], int n) {
    for (int i = 0; i < n - 1; i++) {
        @1
        int min_idx = i;
        for (int j = i + 1; j < n; j++)
            if (arr[j] < arr[min_idx])
                min_idx = j;
        @2
        int temp = arr[min_idx];
        arr[min_idx] = arr[i];
        arr[i] = temp;
    }
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    $fn(arr, n);
    System.out.println("Sorted array");
    for (int i = 0; i < n; i++)
        System.out.print(arr[i] + " ");
    System.out.println();
}
"""),
        javascript="""
@0
function $fn(arr, n) {
    for (let i = 0; i < n - 1; i++) {
        @1
        let min_idx = i;
        for (let j = i + 1; j < n; j++)
            if (arr[j] < arr[min_idx])
                min_idx = j;
        @2
        let temp = arr[min_idx];
        arr[min_idx] = arr[i];
        arr[i] = temp;
    }
}

@D
let arr = $arr;
let n = arr.length;
$fn(arr, n);
console.log("Sorted array");
let line = "";
for (let i = 0; i < n; i++)
    line += arr[i] + " ";
console.log(line);
""",
        cpp=cpp("""
@0
void $fn(int arr[], int n) {
    for (int i = 0; i < n - 1; i++) {
        @1
        int min_idx = i;
        for (int j = i + 1; j < n; j++)
            if (arr[j] < arr[min_idx])
                min_idx = j;
        @2
        swap(arr[min_idx], arr[i]);
    }
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    $fn(arr, n);
    cout << "Sorted array" << endl;
    for (int i = 0; i < n; i++)
        cout << arr[i] << " ";
    cout << endl;
    return 0;
}
"""),
    ),
)

BINARY_SEARCH = Family(
    name="iterative_binary_search",
    titles=(
        "Binary Search",
        "Iterative binary search in a sorted array",
        "Program to search $x in a sorted array using binary search",
        "Find the position of an element in sorted array by halving the range",
    ),
    comments=(
        ("Returns index of x in sorted arr if present , else -1", "Iterative binary search function"),
        ("Check if x is present at mid", "Compare x with the middle element"),
        (
            "If x is greater , ignore left half , else ignore right half",
            "Continue in the half that can hold x",
        ),
    ),
    params=lambda rng: (
        lambda arr: {
            "fn": pick(rng, "binarySearch", "search", "bsearch"),
            "arr": arr,
            "x": rng.choice(arr),
            "y": rng.choice([v for v in range(1, 150) if v not in arr]),
        }
    )(sorted(distinct(rng, rng.randint(5, 10), 1, 140))),
    programs=dict(
        python="""
@0
def $fn(arr, l, r, x):
    while l <= r:
        mid = l + (r - l) // 2
        @1
        if arr[mid] == x:
            return mid
        @2
        if arr[mid] < x:
            l = mid + 1
        else:
            r = mid - 1
    return -1


@D
arr = $arr
n = len(arr)
print($fn(arr, 0, n - 1, $x))
print($fn(arr, 0, n - 1, $y))
""",
        java=java("""
@0
static int $fn(int arr[], int l, int r, int x) {
    while (l <= r) {
        int mid = l + (r - l) / 2;
        @1
        if (arr[mid] == x)
            return mid;
        @2
        if (arr[mid] < x)
            l = mid + 1;
        else
            r = mid - 1;
    }
    return -1;
}

@D
public static void main(String[] args) {
    int arr[] = $arr;
    int n = arr.length;
    System.out.println($fn(arr, 0, n - 1, $x));
    System.out.println($fn(arr, 0, n - 1, $y));
}
"""),
        javascript="""
@0
function $fn(arr, l, r, x) {
    while (l <= r) {
        let mid = l + Math.floor((r - l) / 2);
        @1
        if (arr[mid] == x)
            return mid;
        @2
        if (arr[mid] < x)
            l = mid + 1;
        else
            r = mid - 1;
    }
    return -1;
}

@D
let arr = $arr;
let n = arr.length;
console.log($fn(arr, 0, n - 1, $x));
console.log($fn(arr, 0, n - 1, $y));
""",
        cpp=cpp("""
@0
int $fn(int arr[], int l, int r, int x) {
    while (l <= r) {
        int mid = l + (r - l) / 2;
        @1
        if (arr[mid] == x)
            return mid;
        @2
        if (arr[mid] < x)
            l = mid + 1;
        else
            r = mid - 1;
    }
    return -1;
}

@D
int main() {
    int arr[] = $arr;
    int n = sizeof(arr) / sizeof(arr[0]);
    cout << $fn(arr, 0, n - 1, $x) << endl;
    cout << $fn(arr, 0, n - 1, $y) << endl;
    return 0;
}
"""),
    ),
)

FAMILIES = [REVERSE_ARRAY, LINEAR_SEARCH, SELECTION_SORT, BINARY_SEARCH]
