"""Families on primes, powers and squares (ints below 2**31)."""

from __future__ import annotations

from helpers.corpus_templates import Family, cpp, java, pick

PRIME_CHECK = Family(
    name="check_prime_number",
    titles=(
        "Check whether a number is prime or not",
        "Primality test using trial division",
        "Program to check if $a is a prime number",
        "Prime number check for given numbers",
    ),
    comments=(
        ("Function to check if n is prime", "Returns true if n is a prime number"),
        ("Corner case", "Numbers below 2 are not prime"),
        ("Check divisors from 2 to square root of n", "Try every i with i * i <= n"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "isPrime", "checkPrime", "prime"),
        "a": rng.randint(2, 200),
        "b": rng.randint(200, 5000),
    },
    programs=dict(
        python="""
@0
def $fn(n):
    @1
    if n <= 1:
        return False
    @2
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True


@D
for x in [$a, $b]:
    if $fn(x):
        print(x, "is prime")
    else:
        print(x, "is not prime")
""",
        java=java("""
@0
static boolean $fn(int n) {
    @1
    if (n <= 1)
        return false;
    @2
    for (int i = 2; i * i <= n; i++)
        if (n % i == 0)
            return false;
    return true;
}

@D
public static void main(String[] args) {
    int arr[] = {$a, $b};
    for (int x : arr) {
        if ($fn(x))
            System.out.println(x + " is prime");
        else
            System.out.println(x + " is not prime");
    }
}
"""),
        javascript="""
@0
function $fn(n) {
    @1
    if (n <= 1)
        return false;
    @2
    for (let i = 2; i * i <= n; i++)
        if (n % i == 0)
            return false;
    return true;
}

@D
for (let x of [$a, $b]) {
    if ($fn(x))
        console.log(x + " is prime");
    else
        console.log(x + " is not prime");
}
""",
        cpp=cpp("""
@0
bool $fn(int n) {
    @1
    if (n <= 1)
        return false;
    @2
    for (int i = 2; i * i <= n; i++)
        if (n % i == 0)
            return false;
    return true;
}

@D
int main() {
    int arr[] = {$a, $b};
    for (int x : arr) {
        if ($fn(x))
            cout << x << " is prime" << endl;
        else
            cout << x << " is not prime" << endl;
    }
    return 0;
}
"""),
    ),
)

COUNT_PRIMES = Family(
    name="count_primes_in_a_range",
    titles=(
        "Count primes in a given range",
        "Count prime numbers between $l and $r",
        "Number of primes in range L to R",
        "Program to count primes in an interval",
    ),
    comments=(
        ("Function to check whether x is prime", "Utility function to test primality"),
        ("Function to count the primes from l to r", "Counts primes in the range [ l , r ]"),
    ),
    params=lambda rng: (
        lambda lo: {
            "fn": pick(rng, "countPrimes", "primeCount", "countInRange"),
            "l": lo,
            "r": lo + rng.randint(10, 120),
        }
    )(rng.randint(1, 300)),
    programs=dict(
        python="""
@0
def isPrime(x):
    if x < 2:
        return False
    for i in range(2, x):
        if i * i > x:
            break
        if x % i == 0:
            return False
    return True


@1
def $fn(l, r):
    count = 0
    for x in range(l, r + 1):
        if isPrime(x):
            count += 1
    return count


@D
print($fn($l, $r))
""",
        java=java("""
@0
static boolean isPrime(int x) {
    if (x < 2)
        return false;
    for (int i = 2; i * i <= x; i++)
        if (x % i == 0)
            return false;
    return true;
}

@1
static int $fn(int l, int r) {
    int count = 0;
    for (int x = l; x <= r; x++)
        if (isPrime(x))
            count++;
    return count;
}

@D
public static void main(String[] args) {
    System.out.println($fn($l, $r));
}
"""),
        javascript="""
@0
function isPrime(x) {
    if (x < 2)
        return false;
    for (let i = 2; i * i <= x; i++)
        if (x % i == 0)
            return false;
    return true;
}

@1
function $fn(l, r) {
    let count = 0;
    for (let x = l; x <= r; x++)
        if (isPrime(x))
            count++;
    return count;
}

@D
console.log($fn($l, $r));
""",
        cpp=cpp("""
@0
bool isPrime(int x) {
    if (x < 2)
        return false;
    for (int i = 2; i * i <= x; i++)
        if (x % i == 0)
            return false;
    return true;
}

@1
int $fn(int l, int r) {
    int count = 0;
    for (int x = l; x <= r; x++)
        if (isPrime(x))
            count++;
    return count;
}

@D
int main() {
    cout << $fn($l, $r) << endl;
    return 0;
}
"""),
    ),
)

POWER = Family(
    name="power_of_a_number",
    titles=(
        "Write a program to calculate pow ( x , n )",
        "Compute $x raised to the power $y",
        "Power of a number using a loop",
        "Find x ^ y without library function",
    ),
    comments=(
        ("Function to calculate x raised to the power y", "Returns x ^ y"),
        ("Multiply result by x, y times", "Repeated multiplication"),
    ),
    params=lambda rng: (
        lambda x: {
            "fn": pick(rng, "power", "calcPower", "pow2", "myPow"),
            "x": x,
            "y": rng.randint(0, {2: 30, 3: 19, 4: 15, 5: 13}.get(x, 6)),
        }
    )(rng.randint(2, 9)),
    programs=dict(
        python="""
@0
def $fn(x, y):
    result = 1
    @1
    for i in range(y):
        result = result * x
    return result


@D
x = $x
y = $y
print($fn(x, y))
""",
        java=java("""
@0
static int $fn(int x, int y) {
    int result = 1;
    @1
    for (int i = 0; i < y; i++)
        result = result * x;
    return result;
}

@D
public static void main(String[] args) {
    int x = $x, y = $y;
    System.out.println($fn(x, y));
}
"""),
        javascript="""
@0
function $fn(x, y) {
    let result = 1;
    @1
    for (let i = 0; i < y; i++)
        result = result * x;
    return result;
}

@D
let x = $x, y = $y;
console.log($fn(x, y));
""",
        cpp=cpp("""
@0
int $fn(int x, int y) {
    int result = 1;
    @1
    for (int i = 0; i < y; i++)
        result = result * x;
    return result;
}

@D
int main() {
    int x = $x, y = $y;
    cout << $fn(x, y) << endl;
    return 0;
}
"""),
    ),
)

SUM_OF_SQUARES = Family(
    name="sum_of_squares_of_first_n_natural_numbers",
    titles=(
        "Sum of squares of first n natural numbers",
        "Find 1 ^ 2 + 2 ^ 2 + ... + $n ^ 2",
        "Program to find sum of squares of first N numbers",
        "Sum of series 1 ^ 2 + 2 ^ 2 + ... + n ^ 2",
    ),
    comments=(
        (
            "Function to return sum of squares of first n natural numbers",
            "Returns the sum of squares of 1 to n",
        ),
        ("Add the square of every number", "Add i * i to the sum"),
    ),
    params=lambda rng: {"fn": pick(rng, "squaresum", "sumOfSquares", "squareSum"), "n": rng.randint(2, 500)},
    programs=dict(
        python="""
@0
def $fn(n):
    sm = 0
    for i in range(1, n + 1):
        @1
        sm = sm + i * i
    return sm


@D
n = $n
print($fn(n))
""",
        java=java("""
@0
static int $fn(int n) {
    int sm = 0;
    for (int i = 1; i <= n; i++)
        @1
        sm = sm + i * i;
    return sm;
}

@D
public static void main(String[] args) {
    int n = $n;
    System.out.println($fn(n));
}
"""),
        javascript="""
@0
function $fn(n) {
    let sm = 0;
    for (let i = 1; i <= n; i++)
        @1
        sm = sm + i * i;
    return sm;
}

@D
let n = $n;
console.log($fn(n));
""",
        cpp=cpp("""
@0
int $fn(int n) {
    int sm = 0;
    for (int i = 1; i <= n; i++)
        @1
        sm = sm + i * i;
    return sm;
}

@D
int main() {
    int n = $n;
    cout << $fn(n) << endl;
    return 0;
}
"""),
    ),
)

PERFECT_SQUARE = Family(
    name="check_perfect_square",
    titles=(
        "Check if given number is perfect square",
        "Program to check whether $a is a perfect square",
        "Check perfect square without sqrt",
        "Find if a number is a perfect square",
    ),
    comments=(
        ("Function to check if n is a perfect square", "Returns true if n is a square"),
        ("Find the first i whose square is not less than n", "Increase i while i * i < n"),
    ),
    params=lambda rng: (
        lambda a: {
            "fn": pick(rng, "isPerfectSquare", "checkSquare", "isSquare"),
            "a": a,
            "b": a + rng.randint(1, 40),
        }
    )(rng.randint(2, 150) ** 2 if rng.random() < 0.6 else rng.randint(5, 20000)),
    programs=dict(
        python="""
@0
def $fn(n):
    i = 1
    @1
    while i * i < n:
        i += 1
    return i * i == n


@D
for n in [$a, $b]:
    if $fn(n):
        print("Yes")
    else:
        print("No")
""",
        java=java("""
@0
static boolean $fn(int n) {
    int i = 1;
    @1
    while (i * i < n)
        i++;
    return i * i == n;
}

@D
public static void main(String[] args) {
    int nums[] = {$a, $b};
    for (int n : nums) {
        if ($fn(n))
            System.out.println("Yes");
        else
            System.out.println("No");
    }
}
"""),
        javascript="""
@0
function $fn(n) {
    let i = 1;
    @1
    while (i * i < n)
        i++;
    return i * i == n;
}

@D
for (let n of [$a, $b]) {
    if ($fn(n))
        console.log("Yes");
    else
        console.log("No");
}
""",
        cpp=cpp("""
@0
bool $fn(int n) {
    int i = 1;
    @1
    while (i * i < n)
        i++;
    return i * i == n;
}

@D
int main() {
    int nums[] = {$a, $b};
    for (int n : nums) {
        if ($fn(n))
            cout << "Yes" << endl;
        else
            cout << "No" << endl;
    }
    return 0;
}
"""),
    ),
)

FAMILIES = [PRIME_CHECK, COUNT_PRIMES, POWER, SUM_OF_SQUARES, PERFECT_SQUARE]
