"""Families on the decimal digits of a number (ints below 2**31)."""

from __future__ import annotations

from helpers.corpus_templates import Family, cpp, java, pick

REVERSE_NUMBER = Family(
    name="reverse_digits_of_a_number",
    titles=(
        "Reverse digits of a number",
        "Program to reverse the digits of $n",
        "Write a program to reverse an integer",
        "Reverse a given number",
    ),
    comments=(
        (
            "Function to reverse the digits of num",
            "Iterative function to reverse digits of num",
            "Returns the number with its digits reversed",
        ),
        ("Append the last digit of num to rev", "Move the last digit to the reversed number"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "reverseDigits", "reverseNumber", "reverse", "revNum"),
        "n": rng.randint(1000, 99999),
        "m": rng.randint(10, 999),
    },
    programs=dict(
        python="""
@0
def $fn(num):
    rev = 0
    while num > 0:
        @1
        rev = rev * 10 + num % 10
        num = num // 10
    return rev


@D
print("Reverse of", $n, "is", $fn($n))
print("Reverse of", $m, "is", $fn($m))
""",
        java=java("""
@0
static int $fn(int num) {
    int rev = 0;
    while (num > 0) {
        @1
        rev = rev * 10 + num % 10;
        num = num / 10;
    }
    return rev;
}

@D
public static void main(String[] args) {
    System.out.println("Reverse of " + $n + " is " + $fn($n));
    System.out.println("Reverse of " + $m + " is " + $fn($m));
}
"""),
        javascript="""
@0
function $fn(num) {
    let rev = 0;
    while (num > 0) {
        @1
        rev = rev * 10 + num % 10;
        num = Math.floor(num / 10);
    }
    return rev;
}

@D
console.log("Reverse of " + $n + " is " + $fn($n));
console.log("Reverse of " + $m + " is " + $fn($m));
""",
        cpp=cpp("""
@0
int $fn(int num) {
    int rev = 0;
    while (num > 0) {
        @1
        rev = rev * 10 + num % 10;
        num = num / 10;
    }
    return rev;
}

@D
int main() {
    cout << "Reverse of " << $n << " is " << $fn($n) << endl;
    cout << "Reverse of " << $m << " is " << $fn($m) << endl;
    return 0;
}
"""),
    ),
)

COUNT_DIGITS = Family(
    name="count_digits_in_a_number",
    titles=(
        "Count number of digits in an integer",
        "Program to count digits in $n",
        "Find the number of digits of a given number",
        "Count the digits of N",
    ),
    comments=(
        ("Function to count the digits of n", "Returns the count of digits in n"),
        ("Remove the last digit and increment the count", "Drop one digit per step"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "countDigit", "countDigits", "digitCount", "numDigits"),
        "v": pick(rng, "n", "num", "N"),
        "n": rng.randint(1, 10 ** rng.randint(2, 9)),
    },
    programs=dict(
        python="""
@0
def $fn(n):
    count = 0
    while n != 0:
        @1
        n = n // 10
        count += 1
    return count


@D
$v = $n
print("Number of digits :", $fn($v))
""",
        java=java("""
@0
static int $fn(int n) {
    int count = 0;
    while (n != 0) {
        @1
        n = n / 10;
        ++count;
    }
    return count;
}

@D
public static void main(String[] args) {
    int $v = $n;
    System.out.println("Number of digits : " + $fn($v));
}
"""),
        javascript="""
@0
function $fn(n) {
    let count = 0;
    while (n != 0) {
        @1
        n = Math.floor(n / 10);
        ++count;
    }
    return count;
}

@D
let $v = $n;
console.log("Number of digits : " + $fn($v));
""",
        cpp=cpp("""
@0
int $fn(int n) {
    int count = 0;
    while (n != 0) {
        @1
        n = n / 10;
        ++count;
    }
    return count;
}

@D
int main() {
    int $v = $n;
    cout << "Number of digits : " << $fn($v) << endl;
    return 0;
}
"""),
    ),
)

PRODUCT_OF_DIGITS = Family(
    name="product_of_digits",
    titles=(
        "Product of digits of a number",
        "Find the product of the digits of $n",
        "Program to multiply all digits of a number",
        "Compute product of digits of N",
    ),
    comments=(
        ("Function to return the product of digits of n", "Returns product of all digits"),
        ("Multiply the last digit into the product", "Take the last digit and remove it"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "getProduct", "productOfDigits", "digitProduct"),
        "n": int("".join(str(d) for d in [rng.randint(1, 9) for _ in range(rng.randint(2, 6))])),
    },
    programs=dict(
        python="""
@0
def $fn(n):
    product = 1
    while n != 0:
        @1
        product = product * (n % 10)
        n = n // 10
    return product


@D
n = $n
print($fn(n))
""",
        java=java("""
@0
static int $fn(int n) {
    int product = 1;
    while (n != 0) {
        @1
        product = product * (n % 10);
        n = n / 10;
    }
    return product;
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
    let product = 1;
    while (n != 0) {
        @1
        product = product * (n % 10);
        n = Math.floor(n / 10);
    }
    return product;
}

@D
let n = $n;
console.log($fn(n));
""",
        cpp=cpp("""
@0
int $fn(int n) {
    int product = 1;
    while (n != 0) {
        @1
        product = product * (n % 10);
        n = n / 10;
    }
    return product;
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

DIGITAL_ROOT = Family(
    name="digital_root",
    titles=(
        "Digital root ( repeated digital sum ) of the given number",
        "Find the digital root of $n",
        "Sum of digits until the sum becomes a single digit",
        "Program to find repeated digit sum",
    ),
    comments=(
        ("Function to find the digital root of n", "Returns the repeated sum of digits of n"),
        ("Replace n by the sum of its digits until it has one digit", "Loop while n has more than one digit"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "digSum", "digitalRoot", "repeatedSum"),
        "n": rng.randint(10, 10 ** rng.randint(3, 9)),
    },
    programs=dict(
        python="""
@0
def $fn(n):
    @1
    while n > 9:
        s = 0
        while n > 0:
            s += n % 10
            n = n // 10
        n = s
    return n


@D
n = $n
print($fn(n))
""",
        java=java("""
@0
static int $fn(int n) {
    @1
    while (n > 9) {
        int s = 0;
        while (n > 0) {
            s += n % 10;
            n = n / 10;
        }
        n = s;
    }
    return n;
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
    @1
    while (n > 9) {
        let s = 0;
        while (n > 0) {
            s += n % 10;
            n = Math.floor(n / 10);
        }
        n = s;
    }
    return n;
}

@D
let n = $n;
console.log($fn(n));
""",
        cpp=cpp("""
@0
int $fn(int n) {
    @1
    while (n > 9) {
        int s = 0;
        while (n > 0) {
            s += n % 10;
            n = n / 10;
        }
        n = s;
    }
    return n;
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

FACTORIAL = Family(
    name="factorial_of_a_number",
    titles=(
        "Program for factorial of a number",
        "Find the factorial of $n",
        "Iterative program to compute the factorial of N",
        "Factorial of a given number",
    ),
    comments=(
        ("Function to find factorial of given number", "Returns n !"),
        ("Multiply the result by every number from 2 to n", "Compute 1 * 2 * ... * n"),
    ),
    params=lambda rng: {"fn": pick(rng, "factorial", "fact", "findFactorial"), "n": rng.randint(3, 12)},
    programs=dict(
        python="""
@0
def $fn(n):
    res = 1
    @1
    for i in range(2, n + 1):
        res = res * i
    return res


@D
num = $n
print("Factorial of", num, "is", $fn(num))
""",
        java=java("""
@0
static int $fn(int n) {
    int res = 1;
    @1
    for (int i = 2; i <= n; i++)
        res = res * i;
    return res;
}

@D
public static void main(String[] args) {
    int num = $n;
    System.out.println("Factorial of " + num + " is " + $fn(num));
}
"""),
        javascript="""
@0
function $fn(n) {
    let res = 1;
    @1
    for (let i = 2; i <= n; i++)
        res = res * i;
    return res;
}

@D
let num = $n;
console.log("Factorial of " + num + " is " + $fn(num));
""",
        cpp=cpp("""
@0
int $fn(int n) {
    int res = 1;
    @1
    for (int i = 2; i <= n; i++)
        res = res * i;
    return res;
}

@D
int main() {
    int num = $n;
    cout << "Factorial of " << num << " is " << $fn(num) << endl;
    return 0;
}
"""),
    ),
)

FAMILIES = [REVERSE_NUMBER, COUNT_DIGITS, PRODUCT_OF_DIGITS, DIGITAL_ROOT, FACTORIAL]
