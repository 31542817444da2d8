"""Families on progressions, sequences and tables of numbers (ints below 2**31)."""

from __future__ import annotations

from helpers.corpus_templates import Family, cpp, java, pick

AP_TERMS = Family(
    name="terms_of_an_arithmetic_progression",
    titles=(
        "Program to print the first n terms of an AP and their sum",
        "Arithmetic progression with first term $a and common difference $d",
        "Find the sum of first n terms of an arithmetic series",
        "Print AP series and its sum",
    ),
    comments=(
        (
            "Function to print the first n terms of the AP and return their sum",
            "Prints a , a + d , a + 2d , ... and sums them",
        ),
        ("Next term is previous term plus d", "Add the common difference"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "printAP", "apSeries", "sumOfAP"),
        "a": rng.randint(1, 50),
        "d": rng.randint(1, 20),
        "n": rng.randint(3, 12),
    },
    programs=dict(
        python="""
@0
def $fn(a, d, n):
    curr_term = a
    total = 0
    for i in range(n):
        print(curr_term, end=" ")
        total += curr_term
        @1
        curr_term = curr_term + d
    print()
    return total


@D
a = $a
d = $d
n = $n
print("Sum =", $fn(a, d, n))
""",
        java=java("""
@0
static int $fn(int a, int d, int n) {
    int curr_term = a, total = 0;
    for (int i = 0; i < n; i++) {
        System.out.print(curr_term + " ");
        total += curr_term;
        @1
        curr_term = curr_term + d;
    }
    System.out.println();
    return total;
}

@D
public static void main(String[] args) {
    int a = $a, d = $d, n = $n;
    System.out.println("Sum = " + $fn(a, d, n));
}
"""),
        javascript="""
@0
function $fn(a, d, n) {
    let curr_term = a, total = 0;
    let line = "";
    for (let i = 0; i < n; i++) {
        line += curr_term + " ";
        total += curr_term;
        @1
        curr_term = curr_term + d;
    }
    console.log(line);
    return total;
}

@D
let a = $a, d = $d, n = $n;
console.log("Sum = " + $fn(a, d, n));
""",
        cpp=cpp("""
@0
int $fn(int a, int d, int n) {
    int curr_term = a, total = 0;
    for (int i = 0; i < n; i++) {
        cout << curr_term << " ";
        total += curr_term;
        @1
        curr_term = curr_term + d;
    }
    cout << endl;
    return total;
}

@D
int main() {
    int a = $a, d = $d, n = $n;
    int total = $fn(a, d, n);
    cout << "Sum = " << total << endl;
    return 0;
}
"""),
    ),
)

GP_SUM = Family(
    name="sum_of_a_geometric_progression",
    titles=(
        "Program to find the sum of a GP series",
        "Sum of geometric progression $a , $a * $r , ...",
        "Find sum of first n terms of a geometric series",
        "Geometric series sum using a loop",
    ),
    comments=(
        ("Function to find the sum of the first n terms of a GP", "Returns a + ar + ar ^ 2 + ..."),
        ("Multiply the term by the common ratio", "Next term is r times the previous"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "sumOfGP", "gpSum", "geometricSum"),
        "a": rng.randint(1, 9),
        "r": rng.randint(2, 4),
        "n": rng.randint(3, 10),
    },
    programs=dict(
        python="""
@0
def $fn(a, r, n):
    total = 0
    term = a
    for i in range(n):
        total = total + term
        @1
        term = term * r
    return total


@D
a = $a
r = $r
n = $n
print("Sum of GP is", $fn(a, r, n))
""",
        java=java("""
@0
static int $fn(int a, int r, int n) {
    int total = 0, term = a;
    for (int i = 0; i < n; i++) {
        total = total + term;
        @1
        term = term * r;
    }
    return total;
}

@D
public static void main(String[] args) {
    int a = $a, r = $r, n = $n;
    System.out.println("Sum of GP is " + $fn(a, r, n));
}
"""),
        javascript="""
@0
function $fn(a, r, n) {
    let total = 0, term = a;
    for (let i = 0; i < n; i++) {
        total = total + term;
        @1
        term = term * r;
    }
    return total;
}

@D
let a = $a, r = $r, n = $n;
console.log("Sum of GP is " + $fn(a, r, n));
""",
        cpp=cpp("""
@0
int $fn(int a, int r, int n) {
    int total = 0, term = a;
    for (int i = 0; i < n; i++) {
        total = total + term;
        @1
        term = term * r;
    }
    return total;
}

@D
int main() {
    int a = $a, r = $r, n = $n;
    cout << "Sum of GP is " << $fn(a, r, n) << endl;
    return 0;
}
"""),
    ),
)

LEAP_YEAR = Family(
    name="check_leap_year",
    titles=(
        "Program to check if a given year is leap year",
        "Check whether $a is a leap year",
        "Leap year or not",
        "Find if the given years are leap years",
    ),
    comments=(
        ("Function to check whether year is a leap year", "Returns true for a leap year"),
        ("Divisible by 400 is a leap year", "Every 400th year is a leap year"),
        ("Other centuries are not", "Divisible by 100 but not 400 is not a leap year"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "checkYear", "isLeap", "isLeapYear"),
        "a": rng.choice([rng.randint(1600, 2400), rng.randint(400, 2400) * 4, rng.randint(16, 24) * 100]),
        "b": rng.randint(1800, 2200),
    },
    programs=dict(
        python="""
@0
def $fn(year):
    @1
    if year % 400 == 0:
        return True
    @2
    if year % 100 == 0:
        return False
    return year % 4 == 0


@D
for year in [$a, $b]:
    if $fn(year):
        print(year, "is a Leap Year")
    else:
        print(year, "is not a Leap Year")
""",
        java=java("""
@0
static boolean $fn(int year) {
    @1
    if (year % 400 == 0)
        return true;
    @2
    if (year % 100 == 0)
        return false;
    return year % 4 == 0;
}

@D
public static void main(String[] args) {
    int years[] = {$a, $b};
    for (int year : years) {
        if ($fn(year))
            System.out.println(year + " is a Leap Year");
        else
            System.out.println(year + " is not a Leap Year");
    }
}
"""),
        javascript="""
@0
function $fn(year) {
    @1
    if (year % 400 == 0)
        return true;
    @2
    if (year % 100 == 0)
        return false;
    return year % 4 == 0;
}

@D
for (let year of [$a, $b]) {
    if ($fn(year))
        console.log(year + " is a Leap Year");
    else
        console.log(year + " is not a Leap Year");
}
""",
        cpp=cpp("""
@0
bool $fn(int year) {
    @1
    if (year % 400 == 0)
        return true;
    @2
    if (year % 100 == 0)
        return false;
    return year % 4 == 0;
}

@D
int main() {
    int years[] = {$a, $b};
    for (int year : years) {
        if ($fn(year))
            cout << year << " is a Leap Year" << endl;
        else
            cout << year << " is not a Leap Year" << endl;
    }
    return 0;
}
"""),
    ),
)

POWER_OF_TWO = Family(
    name="check_power_of_two",
    titles=(
        "Program to find whether a given number is power of 2",
        "Check if $a is a power of two",
        "Power of two check using bitwise and",
        "Find whether n is a power of 2",
    ),
    comments=(
        ("Function to check if x is power of 2", "Returns true when x has a single set bit"),
        ("x & ( x - 1 ) clears the lowest set bit", "A power of two has only one set bit"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "isPowerOfTwo", "powerOf2", "checkPowerOf2"),
        "a": 2 ** rng.randint(0, 29),
        "b": rng.randint(3, 100000),
        "c": rng.randint(1, 64),
    },
    programs=dict(
        python="""
@0
def $fn(x):
    @1
    return x != 0 and (x & (x - 1)) == 0


@D
for x in [$a, $b, $c]:
    if $fn(x):
        print("Yes")
    else:
        print("No")
""",
        java=java("""
@0
static boolean $fn(int x) {
    @1
    return x != 0 && ((x & (x - 1)) == 0);
}

@D
public static void main(String[] args) {
    int nums[] = {$a, $b, $c};
    for (int x : nums)
        System.out.println($fn(x) ? "Yes" : "No");
}
"""),
        javascript="""
@0
function $fn(x) {
    @1
    return x != 0 && ((x & (x - 1)) == 0);
}

@D
for (let x of [$a, $b, $c])
    console.log($fn(x) ? "Yes" : "No");
""",
        cpp=cpp("""
@0
bool $fn(int x) {
    @1
    return x != 0 && ((x & (x - 1)) == 0);
}

@D
int main() {
    int nums[] = {$a, $b, $c};
    for (int x : nums)
        cout << ($fn(x) ? "Yes" : "No") << endl;
    return 0;
}
"""),
    ),
)

STRONG_NUMBER = Family(
    name="check_strong_number",
    titles=(
        "Strong Number",
        "Check if a number is a strong number",
        "Program to check whether $a is equal to the sum of factorials of its digits",
        "Find if sum of factorial of digits equals the number",
    ),
    comments=(
        ("Function to return the factorial of d", "Utility function for factorial"),
        ("Function to check if n is a strong number", "Returns true if n is strong"),
        ("Add the factorial of every digit", "Sum of factorials of the digits"),
    ),
    params=lambda rng: {
        "fact": pick(rng, "factorial", "fact"),
        "fn": pick(rng, "isStrong", "checkStrong", "strongNumber"),
        "a": rng.choice([1, 2, 145, 40585, rng.randint(10, 99999)]),
        "b": rng.randint(100, 9999),
    },
    programs=dict(
        python="""
@0
def $fact(d):
    f = 1
    for i in range(2, d + 1):
        f = f * i
    return f


@1
def $fn(n):
    total = 0
    temp = n
    @2
    while temp > 0:
        total += $fact(temp % 10)
        temp = temp // 10
    return total == n


@D
for n in [$a, $b]:
    if $fn(n):
        print(n, "is a strong number")
    else:
        print(n, "is not a strong number")
""",
        java=java("""
@0
static int $fact(int d) {
    int f = 1;
    for (int i = 2; i <= d; i++)
        f = f * i;
    return f;
}

@1
static boolean $fn(int n) {
    int total = 0, temp = n;
    @2
    while (temp > 0) {
        total += $fact(temp % 10);
        temp = temp / 10;
    }
    return total == n;
}

@D
public static void main(String[] args) {
    int nums[] = {$a, $b};
    for (int n : nums) {
        if ($fn(n))
            System.out.println(n + " is a strong number");
        else
            System.out.println(n + " is not a strong number");
    }
}
"""),
        javascript="""
@0
function $fact(d) {
    let f = 1;
    for (let i = 2; i <= d; i++)
        f = f * i;
    return f;
}

@1
function $fn(n) {
    let total = 0, temp = n;
    @2
    while (temp > 0) {
        total += $fact(temp % 10);
        temp = Math.floor(temp / 10);
    }
    return total == n;
}

@D
for (let n of [$a, $b]) {
    if ($fn(n))
        console.log(n + " is a strong number");
    else
        console.log(n + " is not a strong number");
}
""",
        cpp=cpp("""
@0
int $fact(int d) {
    int f = 1;
    for (int i = 2; i <= d; i++)
        f = f * i;
    return f;
}

@1
bool $fn(int n) {
    int total = 0, temp = n;
    @2
    while (temp > 0) {
        total += $fact(temp % 10);
        temp = temp / 10;
    }
    return total == n;
}

@D
int main() {
    int nums[] = {$a, $b};
    for (int n : nums) {
        if ($fn(n))
            cout << n << " is a strong number" << endl;
        else
            cout << n << " is not a strong number" << endl;
    }
    return 0;
}
"""),
    ),
)

FAMILIES = [AP_TERMS, GP_SUM, LEAP_YEAR, POWER_OF_TWO, STRONG_NUMBER]
