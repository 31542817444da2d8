"""xlcost's tokenised program form and back: `tokenize`, `detokenize`, and the lexer `code_tokens`.

xlcost stores every program as one line of space-separated tokens ("the xlcost form"):
- comments are gone; Python's layout is spelled `NEW_LINE`, `INDENT` and `DEDENT`; a C++
  preprocessor line ends with `NEW_LINE` (`#define NAME  BODY` keeps its body as raw text);
- string and char literals keep their quotes but their content is cut into words and punctuation
  (sacrebleu's v14 international rule), a space becomes `▁` (U+2581) and a `\\n` escape becomes
  `NEW_LINE` (`STRNEWLINE` in C++), e.g. `"Hello World\\n"` -> `" Hello ▁ World NEW_LINE "`;
- C++ writes a sign directly in front of a number as one token (`= -1`), and closes nested
  templates with `> >`.
The published JavaScript references have every string emptied (`" "`); `tokenize` keeps the content.

Some xlcost rows lost pieces that `detokenize` puts back so that the program can run: a `||` or `|`
between two operands (`if ( n % 2 == 0 n % 3 == 0 )`, about one Java, JavaScript or C++ reference
in nine), the line break that ended a JavaScript statement without a semicolon
(`let N = arr . length document . write ( N )`), and the content of an emptied char literal (`' '`).
Rows that lost whole statements (apparently statements that carried a trailing comment, such as
`int res = 1; // Initialize result`) or are Python 2 cannot be repaired.

`code_tokens` is the lexer underneath: names, numbers, operators, whole literals, no comments.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from helpers.config import get_language

SPACE_MARK = "\u2581"  # "▁": a space inside a string literal

_LAYOUT = {"NEW_LINE", "INDENT", "DEDENT"}
_MARKERS = ("STRNEWLINE", "NEW_LINE", "TABSYMBOL")  # a line break or a tab inside a literal

# --------------------------------------------------------------------------- lexical tokens


class _Tok(NamedTuple):
    kind: str  # name, number, string, op, regex, preproc (a whole C/C++ directive), newline
    text: str
    start: int  # offsets into the source
    end: int


_PY_OPS = ["**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=",
           "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="]
_C_OPS = ["<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
          "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "::"]
_OPS = {"python": _PY_OPS, "java": [">>>=", ">>>"] + _C_OPS, "cpp": ["->*"] + _C_OPS,
        "javascript": [">>>=", "===", "!==", "**=", "??=", "&&=", "||=", ">>>", "**", "=>", "?.",
                       "??"] + _C_OPS}


def _op_pattern(ops: list[str]) -> str:
    return "|".join(re.escape(op) for op in sorted(set(ops), key=len, reverse=True))


_PY_STRING = (r"(?i:[rbuf]{1,2})?(?:'''(?:\\.|[^\\])*?(?:'''|\Z)|\"\"\"(?:\\.|[^\\])*?(?:\"\"\"|\Z)"
              r"|'(?:\\.|[^'\\\n])*'?|\"(?:\\.|[^\"\\\n])*\"?)")
_NUMBER = (r"(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+"
           r"|(?:\d(?:[\d_]|'(?=\d))*\.?(?:[\d_]|'(?=\d))*|\.\d[\d_]*)(?:[eEpP][+-]?\d[\d_]*)?)"
           r"[a-zA-Z_]*")
_NAME = r"(?:[^\W\d]|\$)(?:\w|\$)*"
_C_STRING = r"(?:u8|[LuU])?\"(?:\\.|[^\"\\\n])*\"?|(?:u8|[LuU])?'(?:\\.|[^'\\\n])*'?"
_JS_TEMPLATE = r"`(?:\\.|[^`\\])*`?"
_C_STRING_RE = re.compile(_C_STRING)
_DIRECTIVE_END_RE = re.compile(r"(?:^| )NEW_LINE(?= |$)")  # where an xlcost C++ directive ends
_REGEX_LITERAL = re.compile(r"/(?![*/])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/[a-zA-Z]*")


@cache
def _scanner(language: str) -> tuple[re.Pattern, dict[str, str]]:
    """One regular expression per language, and the token kind of each of its groups."""
    if language == "python":
        parts = [(r"[ \t\f\r]+|\\\r?\n|#[^\n]*", "skip"), (r"\n", "nl"), (_PY_STRING, "string")]
    else:
        parts = [(r"\s+|//[^\n]*|/\*(?:.|\n)*?(?:\*/|\Z)", "skip"), (_C_STRING, "string")]
        if language == "javascript":
            parts.append((_JS_TEMPLATE, "string"))
    parts += [(_NUMBER, "number"), (_NAME, "name"), (_op_pattern(_OPS[language]), "op"), (r".", "op")]
    groups = [f"(?P<g{i}>{pattern})" for i, (pattern, _) in enumerate(parts)]
    return re.compile("|".join(groups), re.DOTALL), {f"g{i}": k for i, (_, k) in enumerate(parts)}


_NOT_OPERAND = frozenset(
    "return case throw else do new typeof delete void in of instanceof yield await let var const "
    "function class extends import export async static if for while switch catch try finally "
    "and or not is lambda elif from with assert del raise sizeof goto".split())


def _operand_end(tok: _Tok | None) -> bool:
    """Whether a token can end an operand (so a following `-`, `/` or `++` is binary or postfix)."""
    if tok is None:
        return False
    if tok.kind == "name":
        return tok.text not in _NOT_OPERAND
    return tok.kind in ("number", "string", "regex") or tok.text in (")", "]")


def _directive_end(program: str, pos: int) -> tuple[int, int]:
    """(end of a C preprocessor directive's text, where scanning resumes), comments excluded."""
    i, n = pos, len(program)
    while i < n:
        c = program[i]
        if c == "\\" and program.startswith("\n", i + 1):
            i += 2
        elif c == "\n":
            return i, i
        elif program.startswith("//", i):
            end = program.find("\n", i)
            return i, n if end < 0 else end
        elif program.startswith("/*", i):
            end = program.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c in "\"'":
            m = _C_STRING_RE.match(program, i)
            i = m.end() if m else i + 1
        else:
            i += 1
    return n, n


def _at_line_start(program: str, pos: int) -> bool:
    return program[program.rfind("\n", 0, pos) + 1:pos].strip() == ""


def _lex(program: str, language: str) -> list[_Tok]:
    """Lexical tokens of one language (Python also gets a `newline` ending each logical line)."""
    scanner, kinds = _scanner(language)
    tokens: list[_Tok] = []
    depth = 0  # Python bracket depth: newlines inside brackets do not end a logical line
    pos, n = 0, len(program)
    while pos < n:
        if language == "cpp" and program[pos] == "#" and _at_line_start(program, pos):
            end, resume = _directive_end(program, pos)
            tokens.append(_Tok("preproc", program[pos:end].strip(), pos, end))
            pos = resume
            continue
        if language == "javascript" and program[pos] == "/" and not _operand_end(
                tokens[-1] if tokens else None):
            m = _REGEX_LITERAL.match(program, pos)
            if m:
                tokens.append(_Tok("regex", m.group(), pos, m.end()))
                pos = m.end()
                continue
        m = scanner.match(program, pos)
        kind = kinds[m.lastgroup]
        if kind == "nl":
            if depth == 0 and tokens and tokens[-1].kind != "newline":
                tokens.append(_Tok("newline", "", pos, pos))
        elif kind != "skip":
            text = m.group()
            if language == "python" and kind == "op":
                depth = max(0, depth + (text in ("(", "[", "{")) - (text in (")", "]", "}")))
            tokens.append(_Tok(kind, text, pos, m.end()))
        pos = m.end()
    if language == "python" and tokens and tokens[-1].kind != "newline":
        tokens.append(_Tok("newline", "", n, n))
    return tokens


def _directive_parts(text: str) -> tuple[str, str]:
    """Split a directive into its name and the raw rest: ('#include', '<bits/stdc++.h>')."""
    m = re.match(r"#\s*(\w*)[ \t]*(.*)", text, re.DOTALL)
    return "#" + m.group(1), re.sub(r"\\\n", " ", m.group(2)).strip()


def code_tokens(program: str, language: str) -> list[str]:
    """Lexical tokens of runnable source (string literals whole, comments dropped), for CodeBLEU."""
    language = get_language(language).name
    out: list[str] = []
    for tok in _lex(program, language):
        if tok.kind == "newline":
            continue
        if tok.kind == "preproc":
            directive, rest = _directive_parts(tok.text)
            out.append(directive)
            if directive == "#include" and rest[:1] == "<":
                out.append(rest)
            else:
                out += [t.text for t in _lex(rest, language)]
        else:
            out.append(tok.text)
    return out


# --------------------------------------------------------------------------- source -> xlcost


def _punct(c: str) -> bool:
    # sacrebleu 1.x built its punctuation class by pasting every P* character into a regex
    # character set, where the backslash escaped the next character: so "\" never counted.
    return c != "\\" and unicodedata.category(c).startswith("P")


def _pair_sub(text: str, first, second, left: bool) -> str:
    """re.sub over a two-character pattern (leftmost, non-overlapping), padding the punctuation."""
    out, i, n = [], 0, len(text)
    while i < n:
        if i + 1 < n and first(text[i]) and second(text[i + 1]):
            a, b = text[i], text[i + 1]
            out.append(f"{a} {b} " if left else f" {a} {b}")
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _v14_international(text: str) -> str:
    """sacrebleu's `tokenize_v14_international`, which xlcost used inside string literals."""
    not_digit = lambda c: unicodedata.category(c) != "Nd"  # noqa: E731
    text = _pair_sub(text, not_digit, _punct, left=True)
    text = _pair_sub(text, _punct, not_digit, left=False)
    text = "".join(f" {c} " if unicodedata.category(c).startswith("S") else c for c in text)
    return text.strip()


def _xlcost_string(literal: str, language: str) -> str:
    """A string or char literal in the xlcost form: `"a b\\n"` -> `" a ▁ b NEW_LINE "`."""
    text = literal.replace("\r", "").replace(" ", f" {SPACE_MARK} ")
    # an unescaped backslash-n, or a real newline (triple quotes), is a line break; the marker
    # has no punctuation in it, so the v14 rule leaves it whole
    text = re.sub(r"(?<!\\)((?:\\\\)*)\\n", r"\1 STRNEWLINE ", text)
    text = text.replace("\n", " STRNEWLINE ").replace("\t", " TABSYMBOL ")
    text = re.sub(" +", " ", _v14_international(re.sub(" +", " ", text)))
    if language != "cpp":
        text = text.replace("STRNEWLINE", "NEW_LINE")
    return text


def _preproc_words(text: str, language: str) -> str:
    """A C/C++ directive in the xlcost form (without its closing NEW_LINE)."""
    directive, rest = _directive_parts(text)
    if directive == "#include" and rest[:1] == "<":
        return f"{directive} {rest}"
    if directive == "#define":
        m = re.match(r"(\w+)(\([^)]*\))?\s*(.*)", rest, re.DOTALL)
        if m:
            name = m.group(1)
            if m.group(2):
                name += " " + " ".join(t.text for t in _lex(m.group(2), language))
            body = re.sub(r"\s+", " ", m.group(3)).strip()
            return f"#define {name}  {body}" if body else f"#define {name}"
    words = [_xlcost_string(t.text, language) if t.kind == "string" else t.text
             for t in _lex(rest, language)]
    return " ".join([directive] + words)


_TEMPLATES = frozenset(
    "vector pair map set unordered_map unordered_set multiset multimap unordered_multimap "
    "unordered_multiset priority_queue queue stack deque list array tuple greater less function "
    "bitset numeric_limits shared_ptr unique_ptr make_pair optional forward_list basic_string "
    "static_cast dynamic_cast reinterpret_cast const_cast template".split())
_TEMPLATE_RESET = frozenset("; { } ) && || ? = == != += -= <= >= + - / % ! <<".split())


class _Templates:
    """Counts the open template (C++) or generic (Java) argument lists, a heuristic: a `<` opens
    one right after a known C++ template name or a capitalised Java name."""

    def __init__(self, language: str) -> None:
        self.language, self.open = language, 0

    def step(self, prev: _Tok | _Unit | None, item: _Tok | _Unit) -> int:
        """+1 if `item` opens an argument list, -k if it closes k of them, 0 otherwise."""
        if self.language not in ("cpp", "java"):
            return 0
        text = item.text
        if text == "<" and prev is not None and prev.kind == "name" and (
                prev.text in _TEMPLATES or self.language == "java" and prev.text[:1].isupper()):
            self.open += 1
            return 1
        if text in (">", ">>", ">>>") and self.open >= len(text):
            self.open -= len(text)
            return -len(text)
        if text in _TEMPLATE_RESET:
            self.open = 0
        return 0


def _c_words(tokens: list[_Tok], language: str) -> list[str]:
    """The xlcost words of Java, JavaScript or C++ tokens."""
    words: list[str] = []
    templates = _Templates(language)  # to write `>>` as `> >` when it closes two argument lists
    prev: _Tok | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.kind == "preproc":
            words += [_preproc_words(tok.text, language), "NEW_LINE"]
            prev, i = None, i + 1
            continue
        text = _xlcost_string(tok.text, language) if tok.kind == "string" else tok.text
        if language == "cpp" and tok.text in "-+" and nxt is not None and nxt.kind == "number" \
                and nxt.start == tok.end and not _operand_end(prev):
            text, i = tok.text + nxt.text, i + 1  # `-1` is one number in xlcost's C++
            tok = _Tok("number", text, tok.start, nxt.end)
        elif language == "cpp" and tok.text == "operator" and nxt is not None and nxt.kind == "op":
            text, i = "operator" + nxt.text, i + 1
            pair = {"(": ")", "[": "]"}.get(nxt.text)
            if pair and i + 1 < len(tokens) and tokens[i + 1].text == pair:
                text, i = text + pair, i + 1
        elif templates.step(prev, tok) < -1:
            words += [">"] * (len(text) - 1)
            text = ">"
        words.append(text)
        prev = tok
        i += 1
    return words


def _python_words(tokens: list[_Tok], program: str) -> list[str]:
    """The xlcost words of Python tokens: logical lines with NEW_LINE, INDENT and DEDENT."""
    lines: list[tuple[int, list[_Tok]]] = []  # (indentation column, tokens) per logical line
    current: list[_Tok] = []
    for tok in tokens:
        if tok.kind != "newline":
            current.append(tok)
            continue
        if current:
            first = current[0].start
            prefix = program[program.rfind("\n", 0, first) + 1:first]
            column = len(prefix.expandtabs(8)) if not prefix.strip() else 0
            lines.append((column, current))
        current = []

    def sole_in_block(i: int) -> bool:
        before = lines[i - 1][0] if i > 0 else -1
        after = lines[i + 1][0] if i + 1 < len(lines) else -1
        return before < lines[i][0] and after < lines[i][0]

    # a docstring (a line that is only strings) is a comment, unless it is all its block holds
    kept = [line for i, line in enumerate(lines)
            if not all(t.kind == "string" for t in line[1]) or sole_in_block(i)]
    words: list[str] = []
    stack = [0]
    for column, toks in kept:
        if column > stack[-1]:
            stack.append(column)
            words.append("INDENT")
        while column < stack[-1] and len(stack) > 1:
            stack.pop()
            words.append("DEDENT")
        words += [_xlcost_string(t.text, "python") if t.kind == "string" else t.text for t in toks]
        words.append("NEW_LINE")
    words += ["DEDENT"] * (len(stack) - 1)
    return words


def tokenize(program: str, language: str) -> str:
    """Runnable source -> the xlcost tokenised form (space-separated tokens, comments dropped)."""
    language = get_language(language).name
    tokens = _lex(program, language)
    words = _python_words(tokens, program) if language == "python" else _c_words(tokens, language)
    return " ".join(words)


# --------------------------------------------------------------------------- xlcost -> source


class _Unit(NamedTuple):
    kind: str  # name, number, string, op, regex, layout (NEW_LINE/INDENT/DEDENT), preproc
    text: str


def _string_end(code: str, start: int) -> int:
    """End of the quoted literal opening at `start` (a quote escaped by a backslash does not close:
    xlcost may have put a space between the backslash and the quote)."""
    quote, j = code[start], start + 1
    while True:
        k = code.find(quote, j)
        if k < 0:
            return len(code)
        p = k - 1
        if p > start and code[p] == " ":
            p -= 1
        backslashes = 0
        while p > start and code[p] == "\\":
            backslashes, p = backslashes + 1, p - 1
        if backslashes % 2 == 0:
            return k + 1
        j = k + 1


def _join_string(raw: str, language: str, prefix: str = "") -> str:
    """One literal from its xlcost form: `" a ▁ b NEW_LINE "` -> `"a b\\n"`."""
    quote = raw[0]
    closed = len(raw) > 1 and raw.endswith(quote)
    inner = raw[1:-1] if closed else raw[1:]
    tokenised = inner.startswith(" ") or " " not in inner.strip() or SPACE_MARK in inner
    if tokenised:  # the usual case; some rows kept a literal's raw text (with real spaces)
        inner = _join_words(inner.split())
    for marker, char in (("STRNEWLINE", "\\n"), ("NEW_LINE", "\\n"), ("TABSYMBOL", "\\t"),
                         (SPACE_MARK, " ")):
        inner = inner.replace(marker, char)
    if not inner and quote == "'" and language in ("java", "cpp"):
        inner = " "  # an empty char literal cannot compile; xlcost emptied a few `' '`
    return f"{prefix}{quote}{inner}{quote}"


def _join_words(words: list[str]) -> str:
    """Re-join the words of a literal. The v14 rule only ever pads punctuation and symbols, so a
    space between two letters or digits was whitespace in the original (a no-break space that
    xlcost did not mark with ▁): it stays a space."""
    out = ""
    for word in words:
        if out and out[-1].isalnum() and word[0].isalnum() \
                and not (out.endswith(_MARKERS) or word.startswith(_MARKERS)):
            out += " "
        out += word
    return out


_STRING_PREFIXES = {"python": re.compile(r"(?i:[rbuf]{1,2})"), "cpp": re.compile(r"u8|[LuU]")}


def _preproc_line(raw: str) -> str:
    """A directive from its xlcost form: strings joined, `#define F ( a , b )` -> `F(a,b)`."""
    out, i = [], 0
    while i < len(raw):
        if raw[i] in "\"'":
            end = _string_end(raw, i)
            out.append(_join_string(raw[i:end], "cpp"))
            i = end
        else:
            out.append(raw[i])
            i += 1
    line = "".join(out).strip()
    m = re.match(r"(#define \w+)( \([^)]*\))?\s*", line)
    if m:  # `#define F ( a , b )  body` -> `#define F(a,b) body`
        params = (m.group(2) or "").replace(" ", "")
        line = (m.group(1) + params + " " + line[m.end():]).strip()
    return line


def _units(code: str, language: str) -> list[_Unit]:
    """Split xlcost text into code tokens, whole literals, layout markers and directives."""
    quotes = "'\"`" if language == "javascript" else "'\""
    units: list[_Unit] = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if c.isspace():
            i += 1
        elif c in quotes:
            end = _string_end(code, i)
            units.append(_Unit("string", _join_string(code[i:end], language)))
            i = end
        elif language == "cpp" and c == "#":
            m = _DIRECTIVE_END_RE.search(code, i)
            end = m.start() if m else n
            units.append(_Unit("preproc", _preproc_line(code[i:end])))
            i = m.end() if m else n
        else:
            j = i
            while j < n and not code[j].isspace() and code[j] not in quotes:
                j += 1
            word = code[i:j]
            prefix = _STRING_PREFIXES.get(language)
            if j < n and code[j] in quotes and prefix and prefix.fullmatch(word):
                end = _string_end(code, j)
                units.append(_Unit("string", _join_string(code[j:end], language, prefix=word)))
                i = end
                continue
            units += _word_units(word, language)
            i = j
    return units


@lru_cache(maxsize=65536)
def _word_units(word: str, language: str) -> tuple[_Unit, ...]:
    """Units of one space-free xlcost word (usually one token; glued ones such as `);` split)."""
    if word in _LAYOUT or word == "STRNEWLINE":
        return (_Unit("layout", "NEW_LINE" if word == "STRNEWLINE" else word),)
    if word == SPACE_MARK:
        return ()  # a stray space marker outside any literal: a space
    if language == "cpp" and (re.fullmatch(r"[-+]\d[\w.']*", word) or word.startswith("operator")):
        return (_Unit("number" if word[0] in "-+" else "name", word),)
    units = tuple(_Unit(t.kind, t.text) for t in _lex(word, language) if t.kind != "newline")
    return units or (_Unit("op", word),)


_NO_CALL_GLUE = frozenset(
    "if elif for while switch catch return and or not in is with assert del yield lambda else "
    "except raise from import case throw new typeof of await synchronized print_function".split())


def _unit_operand_end(unit: _Unit | None) -> bool:
    if unit is None:
        return False
    if unit.kind == "name":
        return unit.text not in _NOT_OPERAND and not keyword.iskeyword(unit.text) \
            or unit.text in ("True", "False", "None")
    return unit.kind in ("number", "string", "regex") or unit.text in (")", "]")


def _glue(a: _Unit, b: _Unit, before_a: _Unit | None, language: str) -> bool:
    """Whether two neighbouring units are written without a space (never changes the tokens)."""
    if b.text in (",", ";", ")", "]") or a.text in ("(", "["):
        return True
    if "tpl_open" in (a.kind, b.kind) or b.kind == "tpl_close":
        return True  # vector<int
    if a.kind == "tpl_close" and b.text in ("(", "::"):
        return True  # vector<int>(n)
    if b.text == "." and a.kind != "number" or a.text == ".":
        return True
    if b.text in ("(", "[") and (a.text in (")", "]") or a.kind == "string"
                                 or a.kind == "name" and a.text not in _NO_CALL_GLUE):
        return True
    if b.text in ("++", "--") and _unit_operand_end(a):
        return True  # postfix
    if a.text in ("++", "--") and not _unit_operand_end(before_a) and b.kind == "name":
        return True  # prefix
    if language == "cpp" and ("::" in (a.text, b.text) or "->" in (a.text, b.text)):
        return True
    if a.text in ("!", "~") or language == "java" and a.text == "@":
        return True
    return b.kind == "line_colon"  # the `:` that ends a Python line: `def f(x):`


def _join_units(units: list[_Unit], language: str) -> str:
    out, depth = "", 0
    for i, unit in enumerate(units):
        if i:
            glued = _glue(units[i - 1], unit, units[i - 2] if i > 1 else None, language)
            # a Python keyword argument: print(x, end=' ')
            glued = glued or language == "python" and depth > 0 and "=" in (units[i - 1].text, unit.text)
            out += "" if glued else " "
        out += unit.text
        depth += (unit.text in ("(", "[", "{")) - (unit.text in (")", "]", "}"))
    return out


def _python_source(units: list[_Unit]) -> str:
    lines: list[str] = []
    current: list[_Unit] = []
    level = 0

    def flush() -> None:
        if current:
            if current[-1].text == ":":
                current[-1] = _Unit("line_colon", ":")
            lines.append("    " * level + _join_units(current, "python"))
            current.clear()

    for unit in units:
        if unit.kind != "layout":
            current.append(unit)
            continue
        flush()
        if unit.text == "INDENT":
            level += 1
        elif unit.text == "DEDENT":
            level = max(0, level - 1)
    flush()
    return "\n".join(lines) + "\n"


_INLINE_BRACE_AFTER = frozenset(["=", ",", "(", "[", "{", "]", "return", ":", "?"])
_JS_NO_BREAK_BEFORE = frozenset(["in", "of", "instanceof"])
_CONTROL_WORDS = frozenset(["if", "for", "while", "switch", "catch", "with"])


def _c_source(units: list[_Unit], language: str) -> str:
    """Java, JavaScript or C++ source: a line per statement and block, indented by braces."""
    lines: list[str] = []
    current: list[_Unit] = []
    depth = 0
    parens: list[bool] = []  # per open `(`: whether it follows if/for/while/switch/catch/with
    braces: list[bool] = []  # per open `{`: whether it is an inline initializer
    after_control = False  # the last unit closed the condition of an if/for/while...

    def flush() -> None:
        if current:
            lines.append("    " * depth + _join_units(current, language))
            current.clear()

    for i, unit in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        prev = current[-1] if current else None
        if unit.kind == "preproc":
            flush()
            lines.append(unit.text)
            continue
        if unit.kind == "layout":
            flush()  # NEW_LINE outside a directive: a line break
            continue
        if language == "javascript" and unit.kind == "name" and unit.text not in _JS_NO_BREAK_BEFORE \
                and not after_control \
                and (_unit_operand_end(prev) or prev is not None and prev.text == "}"):
            flush()  # xlcost lost the line break that ended this statement; let ASI see it again
        after_control = False
        if unit.text == "{":
            inline = prev is not None and prev.text in _INLINE_BRACE_AFTER
            braces.append(inline or bool(braces and braces[-1]))
            current.append(unit)
            if not braces[-1]:
                flush()
                depth += 1
            continue
        if unit.text == "}":
            inline = braces.pop() if braces else False
            if inline:
                current.append(unit)
                continue
            flush()
            depth = max(0, depth - 1)
            current.append(unit)
            if nxt is None or nxt.text not in (")", ";", ",", "]", ".", "else", "catch",
                                               "finally"):
                flush()
            continue
        current.append(unit)
        if unit.text == "(":
            parens.append(prev is not None and prev.text in _CONTROL_WORDS)
        elif unit.text == ")":
            after_control = parens.pop() if parens else False
        elif unit.text == ";" and not parens:
            flush()
    flush()
    return "\n".join(lines) + "\n"


_TYPE_WORDS = frozenset(
    "int long short char bool boolean double float unsigned signed auto const var let void "
    "String static final byte struct typename class new delete".split())
_COMPARISONS = frozenset(["==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "===", "!=="])


def _lost_bar(a: _Unit, b: _Unit, closed_call: bool, condition: bool) -> bool:
    """Whether xlcost dropped a `|` or `||` between two neighbours inside parentheses."""
    value = lambda u: u.kind == "number" or u.kind == "name" and u.text not in _TYPE_WORDS \
        and u.text not in _NOT_OPERAND and not keyword.iskeyword(u.text)  # noqa: E731
    if a.kind == "number" and value(b) or value(a) and b.kind == "number":
        return True  # `n % 2 == 0 n % 3 == 0`, `rt << 1 1`
    if a.kind == "string" and b.kind == "name" and value(b):
        return True  # `c == 'a' c == 'A'`
    # inside an if/while condition no declaration can put two operands side by side
    left = value(a) or a.kind == "string" or a.text == "]" or a.text == ")" and closed_call
    right = value(b) or b.kind == "string" or b.text == "!" \
        or b.text == "(" and a.kind in ("number", "string")
    return condition and left and right


def _repair_lost_bars(units: list[_Unit], language: str) -> list[_Unit]:
    """Put back the `||` (`|` between numbers, and in Python) that xlcost lost between two operands:
    `if ( n % 2 == 0 n % 3 == 0 )` cannot compile, `if (n % 2 == 0 || n % 3 == 0)` can."""
    out: list[_Unit] = []
    parens: list[tuple[bool, bool, int]] = []  # per open `(`: call?, if/while condition?, start
    closed_call = False  # the last unit is the `)` of a call (not of a cast such as `(int)`)
    for i, unit in enumerate(units):
        prev = out[-1] if out else None
        if parens and prev is not None and _lost_bar(prev, unit, closed_call, parens[-1][1]):
            if language == "python":
                bar = "|"
            else:
                depth, j, segment = 0, i, [u.text for u in out[parens[-1][2]:]]
                while j < len(units) and depth >= 0 and not (depth == 0 and units[j].text == ","):
                    depth += (units[j].text == "(") - (units[j].text == ")")
                    segment.append(units[j].text)
                    j += 1
                bar = "||" if _COMPARISONS & set(segment) else "|"
            out.append(_Unit("op", bar))
        closed_call = False
        if unit.text in ("(", "["):
            call = unit.text == "(" and prev is not None and (
                prev.kind == "name" and prev.text not in _NO_CALL_GLUE or prev.text in (")", "]"))
            condition = prev is not None and prev.text in ("if", "while", "elif") \
                or unit.text == "(" and bool(parens and parens[-1][1])
            parens.append((call, condition, len(out) + 1))
        elif unit.text in (")", "]") and parens:
            closed_call = parens.pop()[0]
        elif unit.text == "," and parens:
            parens[-1] = (parens[-1][0], parens[-1][1], len(out) + 1)
        out.append(unit)
    return out


def _mark_templates(units: list[_Unit], language: str) -> list[_Unit]:
    """Give the `<` and `>` of template arguments their own kinds, so they are written tight."""
    templates = _Templates(language)
    out: list[_Unit] = []
    for unit in units:
        role = templates.step(out[-1] if out else None, unit)
        out.append(_Unit("tpl_open", "<") if role == 1 else
                   _Unit("tpl_close", ">") if role == -1 and unit.text == ">" else unit)
    return out


def detokenize(code: str, language: str) -> str:
    """The xlcost tokenised form -> runnable source (layout rebuilt, literals re-joined)."""
    language = get_language(language).name
    units = _mark_templates(_repair_lost_bars(_units(code, language), language), language)
    return _python_source(units) if language == "python" else _c_source(units, language)
