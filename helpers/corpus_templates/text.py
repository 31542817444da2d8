"""Families that scan a string for runs, digits, spaces and substrings."""

from __future__ import annotations

import random

from helpers.corpus_templates import Family, Text, cpp, java, pick
from helpers.corpus_templates.strings import phrase


def _with_digits(rng: random.Random) -> Text:
    """Letters with a few digits mixed in."""
    return Text("".join(rng.choice("abcxyz0123456789") for _ in range(rng.randint(5, 12))))


def _runs(rng: random.Random) -> Text:
    """Runs of repeated letters, such as aaabccdddd."""
    return Text("".join(rng.choice("abcde") * rng.randint(1, 5) for _ in range(rng.randint(3, 6))))


SUM_OF_DIGITS_IN_STRING = Family(
    name="sum_of_digits_in_a_string",
    titles=(
        "Sum of all digits present in a string",
        "Find the sum of the digits in an alphanumeric string",
        "Program to add the digit characters of a string",
        "Calculate sum of numeric characters",
    ),
    comments=(
        ("Function to return the sum of the digit characters of str", "Returns sum of digits in str"),
        ("Add the value of the digit", "Convert the character to its digit value"),
    ),
    params=lambda rng: {"fn": pick(rng, "sumOfDigits", "digitSum", "findSum"), "s": _with_digits(rng)},
    programs=dict(
        python="""
@0
def $fn(str):
    total = 0
    for ch in str:
        if ch >= '0' and ch <= '9':
            @1
            total += ord(ch) - ord('0')
    return total


@D
str = $s
print($fn(str))
""",
        java=java("""
@0
static int $fn(String str) {
    int total = 0;
    for (int i = 0; i < str.length(); i++) {
        char ch = str.charAt(i);
        if (ch >= '0' && ch <= '9')
            @1
            total += ch - '0';
    }
    return total;
}

@D
public static void main(String[] args) {
    String str = $s;
    System.out.println($fn(str));
}
"""),
        javascript="""
@0
function $fn(str) {
    let total = 0;
    for (let i = 0; i < str.length; i++) {
        let ch = str[i];
        if (ch >= '0' && ch <= '9')
            @1
            total += str.charCodeAt(i) - '0'.charCodeAt(0);
    }
    return total;
}

@D
let str = $s;
console.log($fn(str));
""",
        cpp=cpp("""
@0
int $fn(string str) {
    int total = 0;
    for (int i = 0; i < (int)str.length(); i++) {
        char ch = str[i];
        if (ch >= '0' && ch <= '9')
            @1
            total += ch - '0';
    }
    return total;
}

@D
int main() {
    string str = $s;
    cout << $fn(str) << endl;
    return 0;
}
"""),
    ),
)

LONGEST_RUN = Family(
    name="maximum_consecutive_repeating_character",
    titles=(
        "Maximum consecutive repeating character in string",
        "Longest run of the same character",
        "Find the character with the longest consecutive repetition",
        "Program to find the longest block of equal characters",
    ),
    comments=(
        (
            "Function to find the character with the longest run and its length",
            "Prints the maximum repeating character",
        ),
        ("Count the length of the run starting at i", "Extend the run while characters match"),
        ("Update the answer if this run is longer", "Keep the longest run seen"),
    ),
    params=lambda rng: {"fn": pick(rng, "maxRepeating", "longestRun", "maxConsecutive"), "s": _runs(rng)},
    programs=dict(
        python="""
@0
def $fn(str):
    n = len(str)
    res = str[0]
    best = 0
    i = 0
    while i < n:
        @1
        j = i
        while j < n and str[j] == str[i]:
            j += 1
        @2
        if j - i > best:
            best = j - i
            res = str[i]
        i = j
    print(res, best)


@D
str = $s
$fn(str)
""",
        java=java("""
@0
static void $fn(String str) {
    int n = str.length(), best = 0;
    char res = str.charAt(0);
    int i = 0;
    while (i < n) {
        @1
        int j = i;
        while (j < n && str.charAt(j) == str.charAt(i))
            j++;
        @2
        if (j - i > best) {
            best = j - i;
            res = str.charAt(i);
        }
        i = j;
    }
    System.out.println(res + " " + best);
}

@D
public static void main(String[] args) {
    String str = $s;
    $fn(str);
}
"""),
        javascript="""
@0
function $fn(str) {
    let n = str.length, best = 0;
    let res = str[0];
    let i = 0;
    while (i < n) {
        @1
        let j = i;
        while (j < n && str[j] == str[i])
            j++;
        @2
        if (j - i > best) {
            best = j - i;
            res = str[i];
        }
        i = j;
    }
    console.log(res + " " + best);
}

@D
let str = $s;
$fn(str);
""",
        cpp=cpp("""
@0
void $fn(string str) {
    int n = str.length(), best = 0;
    char res = str[0];
    int i = 0;
    while (i < n) {
        @1
        int j = i;
        while (j < n && str[j] == str[i])
            j++;
        @2
        if (j - i > best) {
            best = j - i;
            res = str[i];
        }
        i = j;
    }
    cout << res << " " << best << endl;
}

@D
int main() {
    string str = $s;
    $fn(str);
    return 0;
}
"""),
    ),
)

REMOVE_SPACES = Family(
    name="remove_spaces_from_a_string",
    titles=(
        "Remove spaces from a given string",
        "Program to delete all spaces of a string",
        "Remove all white spaces from a sentence",
        "Print the string without spaces",
    ),
    comments=(
        ("Function to remove all spaces from str", "Returns str without its spaces"),
        ("Keep only the characters that are not spaces", "Skip the space characters"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "removeSpaces", "deleteSpaces", "stripSpaces"),
        "s": phrase(rng, 2, 5),
    },
    programs=dict(
        python="""
@0
def $fn(str):
    res = ""
    for ch in str:
        @1
        if ch != ' ':
            res += ch
    return res


@D
str = $s
print($fn(str))
""",
        java=java("""
@0
static String $fn(String str) {
    String res = "";
    for (int i = 0; i < str.length(); i++)
        @1
        if (str.charAt(i) != ' ')
            res += str.charAt(i);
    return res;
}

@D
public static void main(String[] args) {
    String str = $s;
    System.out.println($fn(str));
}
"""),
        javascript="""
@0
function $fn(str) {
    let res = "";
    for (let i = 0; i < str.length; i++)
        @1
        if (str[i] != ' ')
            res += str[i];
    return res;
}

@D
let str = $s;
console.log($fn(str));
""",
        cpp=cpp("""
@0
string $fn(string str) {
    string res = "";
    for (int i = 0; i < (int)str.length(); i++)
        @1
        if (str[i] != ' ')
            res += str[i];
    return res;
}

@D
int main() {
    string str = $s;
    cout << $fn(str) << endl;
    return 0;
}
"""),
    ),
)

COUNT_SUBSTRING = Family(
    name="count_occurrences_of_a_substring",
    titles=(
        "Count occurrences of a substring in a string",
        "Number of times pattern $p occurs in a text",
        "Program to count overlapping occurrences of a pattern",
        "Naive pattern counting",
    ),
    comments=(
        ("Function to count the occurrences of pat in txt", "Returns how many times pat appears"),
        ("Check if pat matches at position i", "Compare the window starting at i with pat"),
    ),
    params=lambda rng: (
        lambda txt: {
            "fn": pick(rng, "countFreq", "countOccurrences", "patternCount"),
            "t": txt,
            "p": Text(rng.choice(["a", "ab", "ba", "aa", "aba"])),
        }
    )(Text("".join(rng.choice("ab") for _ in range(rng.randint(6, 14))))),
    programs=dict(
        python="""
@0
def $fn(pat, txt):
    M = len(pat)
    N = len(txt)
    res = 0
    for i in range(N - M + 1):
        @1
        if txt[i:i + M] == pat:
            res += 1
    return res


@D
txt = $t
pat = $p
print($fn(pat, txt))
""",
        java=java("""
@0
static int $fn(String pat, String txt) {
    int M = pat.length(), N = txt.length(), res = 0;
    for (int i = 0; i <= N - M; i++)
        @1
        if (txt.substring(i, i + M).equals(pat))
            res++;
    return res;
}

@D
public static void main(String[] args) {
    String txt = $t;
    String pat = $p;
    System.out.println($fn(pat, txt));
}
"""),
        javascript="""
@0
function $fn(pat, txt) {
    let M = pat.length, N = txt.length, res = 0;
    for (let i = 0; i <= N - M; i++)
        @1
        if (txt.substring(i, i + M) == pat)
            res++;
    return res;
}

@D
let txt = $t;
let pat = $p;
console.log($fn(pat, txt));
""",
        cpp=cpp("""
@0
int $fn(string pat, string txt) {
    int M = pat.length(), N = txt.length(), res = 0;
    for (int i = 0; i <= N - M; i++)
        @1
        if (txt.substr(i, M) == pat)
            res++;
    return res;
}

@D
int main() {
    string txt = $t;
    string pat = $p;
    cout << $fn(pat, txt) << endl;
    return 0;
}
"""),
    ),
)

NUMERIC_STRING = Family(
    name="check_if_a_string_is_numeric",
    titles=(
        "Check if a string contains only digits",
        "Program to check whether a string is numeric",
        "Find if all characters of a string are digits",
        "Check for a numeric string",
    ),
    comments=(
        ("Function to check if str has only digits", "Returns true if every character is a digit"),
        ("A character outside 0 to 9 is found", "Not a digit"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "isNumber", "isNumeric", "onlyDigits"),
        "a": Text(str(rng.randint(0, 10**8))),
        "b": _with_digits(rng),
    },
    programs=dict(
        python="""
@0
def $fn(str):
    for ch in str:
        if ch < '0' or ch > '9':
            @1
            return False
    return True


@D
for str in [$a, $b]:
    if $fn(str):
        print(str, "is numeric")
    else:
        print(str, "is not numeric")
""",
        java=java("""
@0
static boolean $fn(String str) {
    for (int i = 0; i < str.length(); i++)
        if (str.charAt(i) < '0' || str.charAt(i) > '9')
            @1
            return false;
    return true;
}

@D
public static void main(String[] args) {
    String words[] = {$a, $b};
    for (String str : words) {
        if ($fn(str))
            System.out.println(str + " is numeric");
        else
            System.out.println(str + " is not numeric");
    }
}
"""),
        javascript="""
@0
function $fn(str) {
    for (let i = 0; i < str.length; i++)
        if (str[i] < '0' || str[i] > '9')
            @1
            return false;
    return true;
}

@D
for (let str of [$a, $b]) {
    if ($fn(str))
        console.log(str + " is numeric");
    else
        console.log(str + " is not numeric");
}
""",
        cpp=cpp("""
@0
bool $fn(string str) {
    for (int i = 0; i < (int)str.length(); i++)
        if (str[i] < '0' || str[i] > '9')
            @1
            return false;
    return true;
}

@D
int main() {
    string words[] = {$a, $b};
    for (string str : words) {
        if ($fn(str))
            cout << str << " is numeric" << endl;
        else
            cout << str << " is not numeric" << endl;
    }
    return 0;
}
"""),
    ),
)

FAMILIES = [SUM_OF_DIGITS_IN_STRING, LONGEST_RUN, REMOVE_SPACES, COUNT_SUBSTRING, NUMERIC_STRING]
