"""Families on strings of lowercase words: counting, reversing, comparing characters."""

from __future__ import annotations

import random

from helpers.corpus_templates import Family, Text, cpp, java, pick

WORDS = (
    "geeks",
    "for",
    "code",
    "data",
    "array",
    "string",
    "program",
    "hello",
    "world",
    "java",
    "python",
    "apple",
    "banana",
    "level",
    "river",
    "stone",
    "green",
    "paper",
    "music",
    "table",
)


def phrase(rng: random.Random, low: int = 2, high: int = 4) -> Text:
    """A few lowercase words separated by single spaces."""
    return Text(" ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))))


def _char_in(rng: random.Random, text: str) -> str:
    """One of the letters of `text`."""
    return rng.choice(sorted(set(text) - {" "}))


def _hamming_params(rng: random.Random) -> dict:
    """Two strings of the same length that differ in about a third of the places."""
    letters = "abcdeghlmnoprst"
    a = "".join(rng.choice(letters) for _ in range(rng.randint(5, 12)))
    b = "".join(rng.choice(letters) if rng.random() < 0.35 else c for c in a)
    return {"fn": pick(rng, "hammingDist", "hammingDistance", "countDiff"), "a": Text(a), "b": Text(b)}


COUNT_CHAR = Family(
    name="count_occurrences_of_a_character",
    titles=(
        "Count occurrences of a character in a string",
        "Program to count the character $c in s",
        "Frequency of a given character in a string",
        "Find how many times $c occurs in a string",
    ),
    comments=(
        ("Function that counts the occurrences of c in s", "Returns count of character c"),
        ("Check every character of the string", "Increase res when s [ i ] matches c"),
    ),
    params=lambda rng: (
        lambda s: {"fn": pick(rng, "countChar", "count", "charFrequency"), "s": s, "c": _char_in(rng, s)}
    )(phrase(rng)),
    programs=dict(
        python="""
@0
def $fn(s, c):
    res = 0
    @1
    for i in range(len(s)):
        if s[i] == c:
            res = res + 1
    return res


@D
s = $s
c = '$c'
print("Count of", c, "is", $fn(s, c))
""",
        java=java("""
@0
static int $fn(String s, char c) {
    int res = 0;
    @1
    for (int i = 0; i < s.length(); i++)
        if (s.charAt(i) == c)
            res++;
    return res;
}

@D
public static void main(String[] args) {
    String s = $s;
    char c = '$c';
    System.out.println("Count of " + c + " is " + $fn(s, c));
}
"""),
        javascript="""
@0
function $fn(s, c) {
    let res = 0;
    @1
    for (let i = 0; i < s.length; i++)
        if (s[i] == c)
            res++;
    return res;
}

@D
let s = $s;
let c = '$c';
console.log("Count of " + c + " is " + $fn(s, c));
""",
        cpp=cpp("""
@0
int $fn(string s, char c) {
    int res = 0;
    @1
    for (int i = 0; i < (int)s.length(); i++)
        if (s[i] == c)
            res++;
    return res;
}

@D
int main() {
    string s = $s;
    char c = '$c';
    cout << "Count of " << c << " is " << $fn(s, c) << endl;
    return 0;
}
"""),
    ),
)

REVERSE_STRING = Family(
    name="reverse_a_string",
    titles=(
        "Reverse a string",
        "Program to reverse a string using a loop",
        "Print the reverse of the given string",
        "Reverse the characters of a string",
    ),
    comments=(
        ("Function to return the reverse of str", "Builds the reversed string"),
        ("Append characters from the last to the first", "Traverse from the end"),
    ),
    params=lambda rng: {"fn": pick(rng, "reverseStr", "reverseString", "reverse"), "s": phrase(rng)},
    programs=dict(
        python="""
@0
def $fn(str):
    rev = ""
    @1
    for i in range(len(str) - 1, -1, -1):
        rev = rev + str[i]
    return rev


@D
str = $s
print($fn(str))
""",
        java=java("""
@0
static String $fn(String str) {
    String rev = "";
    @1
    for (int i = str.length() - 1; i >= 0; i--)
        rev = rev + str.charAt(i);
    return rev;
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
    let rev = "";
    @1
    for (let i = str.length - 1; i >= 0; i--)
        rev = rev + str[i];
    return rev;
}

@D
let str = $s;
console.log($fn(str));
""",
        cpp=cpp("""
@0
string $fn(string str) {
    string rev = "";
    @1
    for (int i = str.length() - 1; i >= 0; i--)
        rev = rev + str[i];
    return rev;
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

COUNT_WORDS = Family(
    name="count_words_in_a_string",
    titles=(
        "Count words in a given string",
        "Program to count the number of words in a sentence",
        "Find the number of words separated by spaces",
        "Count words in a string",
    ),
    comments=(
        ("Function to count the words of str", "Returns the number of words in str"),
        (
            "A word starts at a non space character after a space or at the start",
            "Count the first character of every word",
        ),
    ),
    params=lambda rng: {
        "fn": pick(rng, "countWords", "wordCount", "numberOfWords"),
        "s": Text(("  " if rng.random() < 0.3 else "") + phrase(rng, 1, 6)),
    },
    programs=dict(
        python="""
@0
def $fn(str):
    count = 0
    for i in range(len(str)):
        @1
        if str[i] != ' ' and (i == 0 or str[i - 1] == ' '):
            count += 1
    return count


@D
str = $s
print("No of words :", $fn(str))
""",
        java=java("""
@0
static int $fn(String str) {
    int count = 0;
    for (int i = 0; i < str.length(); i++) {
        @1
        if (str.charAt(i) != ' ' && (i == 0 || str.charAt(i - 1) == ' '))
            count++;
    }
    return count;
}

@D
public static void main(String[] args) {
    String str = $s;
    System.out.println("No of words : " + $fn(str));
}
"""),
        javascript="""
@0
function $fn(str) {
    let count = 0;
    for (let i = 0; i < str.length; i++) {
        @1
        if (str[i] != ' ' && (i == 0 || str[i - 1] == ' '))
            count++;
    }
    return count;
}

@D
let str = $s;
console.log("No of words : " + $fn(str));
""",
        cpp=cpp("""
@0
int $fn(string str) {
    int count = 0;
    for (int i = 0; i < (int)str.length(); i++) {
        @1
        if (str[i] != ' ' && (i == 0 || str[i - 1] == ' '))
            count++;
    }
    return count;
}

@D
int main() {
    string str = $s;
    cout << "No of words : " << $fn(str) << endl;
    return 0;
}
"""),
    ),
)

TOGGLE_CASE = Family(
    name="toggle_case_of_a_string",
    titles=(
        "Toggle case of a string",
        "Convert lowercase letters to uppercase and vice versa",
        "Program to toggle each character of a string",
        "Change the case of every letter",
    ),
    comments=(
        ("Function to toggle the case of every character", "Returns str with its case toggled"),
        ("Lowercase becomes uppercase", "Convert a small letter to a capital letter"),
        ("Uppercase becomes lowercase", "Convert a capital letter to a small letter"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "toggleCase", "toggleChars", "changeCase"),
        "s": Text("".join(c.upper() if rng.random() < 0.4 else c for c in phrase(rng))),
    },
    programs=dict(
        python="""
@0
def $fn(str):
    res = ""
    for ch in str:
        if ch >= 'a' and ch <= 'z':
            @1
            res = res + ch.upper()
        elif ch >= 'A' and ch <= 'Z':
            @2
            res = res + ch.lower()
        else:
            res = res + ch
    return res


@D
str = $s
print($fn(str))
""",
        java=java("""
@0
static String $fn(String str) {
    String res = "";
    for (int i = 0; i < str.length(); i++) {
        char ch = str.charAt(i);
        if (ch >= 'a' && ch <= 'z')
            @1
            res = res + Character.toUpperCase(ch);
        else if (ch >= 'A' && ch <= 'Z')
            @2
            res = res + Character.toLowerCase(ch);
        else
            res = res + ch;
    }
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
    for (let i = 0; i < str.length; i++) {
        let ch = str[i];
        if (ch >= 'a' && ch <= 'z')
            @1
            res = res + ch.toUpperCase();
        else if (ch >= 'A' && ch <= 'Z')
            @2
            res = res + ch.toLowerCase();
        else
            res = res + ch;
    }
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
    for (int i = 0; i < (int)str.length(); i++) {
        char ch = str[i];
        if (ch >= 'a' && ch <= 'z')
            @1
            res += (char)toupper(ch);
        else if (ch >= 'A' && ch <= 'Z')
            @2
            res += (char)tolower(ch);
        else
            res += ch;
    }
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

CAESAR = Family(
    name="caesar_cipher",
    titles=(
        "Caesar Cipher in Cryptography",
        "Encrypt a string by shifting each letter by $k",
        "Program to implement the Caesar cipher",
        "Shift every lowercase letter k places",
    ),
    comments=(
        ("Function to encrypt text with a shift of k", "Returns the encrypted text"),
        ("Shift the letter and wrap around after z", "Keep the result inside a to z"),
        ("Spaces are kept as they are", "Non letters are not changed"),
    ),
    params=lambda rng: {
        "fn": pick(rng, "encrypt", "caesarCipher", "shiftText"),
        "s": phrase(rng),
        "k": rng.randint(1, 25),
    },
    programs=dict(
        python="""
@0
def $fn(text, k):
    result = ""
    for ch in text:
        if ch >= 'a' and ch <= 'z':
            @1
            result += chr((ord(ch) - 97 + k) % 26 + 97)
        else:
            @2
            result += ch
    return result


@D
text = $s
k = $k
print("Cipher :", $fn(text, k))
""",
        java=java("""
@0
static String $fn(String text, int k) {
    String result = "";
    for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (ch >= 'a' && ch <= 'z')
            @1
            result += (char) ((ch - 'a' + k) % 26 + 'a');
        else
            @2
            result += ch;
    }
    return result;
}

@D
public static void main(String[] args) {
    String text = $s;
    int k = $k;
    System.out.println("Cipher : " + $fn(text, k));
}
"""),
        javascript="""
@0
function $fn(text, k) {
    let result = "";
    for (let i = 0; i < text.length; i++) {
        let ch = text[i];
        if (ch >= 'a' && ch <= 'z')
            @1
            result += String.fromCharCode((text.charCodeAt(i) - 97 + k) % 26 + 97);
        else
            @2
            result += ch;
    }
    return result;
}

@D
let text = $s;
let k = $k;
console.log("Cipher : " + $fn(text, k));
""",
        cpp=cpp("""
@0
string $fn(string text, int k) {
    string result = "";
    for (int i = 0; i < (int)text.length(); i++) {
        char ch = text[i];
        if (ch >= 'a' && ch <= 'z')
            @1
            result += (char)((ch - 'a' + k) % 26 + 'a');
        else
            @2
            result += ch;
    }
    return result;
}

@D
int main() {
    string text = $s;
    int k = $k;
    cout << "Cipher : " << $fn(text, k) << endl;
    return 0;
}
"""),
    ),
)

HAMMING = Family(
    name="hamming_distance_between_two_strings",
    titles=(
        "Hamming distance between two strings",
        "Count positions where two strings differ",
        "Program to find the Hamming distance of equal length strings",
        "Number of mismatched characters of two strings",
    ),
    comments=(
        (
            "Function to calculate the Hamming distance of str1 and str2",
            "Returns the count of differing positions",
        ),
        ("Count the positions where the characters differ", "Compare character by character"),
    ),
    params=lambda rng: _hamming_params(rng),
    programs=dict(
        python="""
@0
def $fn(str1, str2):
    i = 0
    count = 0
    @1
    while i < len(str1):
        if str1[i] != str2[i]:
            count += 1
        i += 1
    return count


@D
str1 = $a
str2 = $b
print($fn(str1, str2))
""",
        java=java("""
@0
static int $fn(String str1, String str2) {
    int i = 0, count = 0;
    @1
    while (i < str1.length()) {
        if (str1.charAt(i) != str2.charAt(i))
            count++;
        i++;
    }
    return count;
}

@D
public static void main(String[] args) {
    String str1 = $a;
    String str2 = $b;
    System.out.println($fn(str1, str2));
}
"""),
        javascript="""
@0
function $fn(str1, str2) {
    let i = 0, count = 0;
    @1
    while (i < str1.length) {
        if (str1[i] != str2[i])
            count++;
        i++;
    }
    return count;
}

@D
let str1 = $a;
let str2 = $b;
console.log($fn(str1, str2));
""",
        cpp=cpp("""
@0
int $fn(string str1, string str2) {
    int i = 0, count = 0;
    @1
    while (i < (int)str1.length()) {
        if (str1[i] != str2[i])
            count++;
        i++;
    }
    return count;
}

@D
int main() {
    string str1 = $a;
    string str2 = $b;
    cout << $fn(str1, str2) << endl;
    return 0;
}
"""),
    ),
)

FAMILIES = [COUNT_CHAR, REVERSE_STRING, COUNT_WORDS, TOGGLE_CASE, CAESAR, HAMMING]
