"""Source to xlcost's tokenised form: the lexer `code_tokens` and `tokenize` (see the package
docstring for the form itself)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from helpers.config import get_language

if TYPE_CHECKING:
    from helpers.xlcost_codec.decode import _Unit  # _Templates steps through decode's units too

SPACE_MARK = "\u2581"  # "▁": a space inside a string literal

_LAYOUT = {"NEW_LINE", "INDENT", "DEDENT"}
_MARKERS = ("STRNEWLINE", "NEW_LINE", "TABSYMBOL")  # a line break or a tab inside a literal

# --------------------------------------------------------------------------- lexical tokens


class _Tok(NamedTuple):
    kind: str  # name, number, string, op, regex, preproc (a whole C/C++ directive), newline
    text: str
    start: int  # offsets into the source
    end: int


_PY_OPS = [
    "**=",
    "//=",
    ">>=",
    "<<=",
    "...",
    "->",
    ":=",
    "**",
    "//",
    "==",
    "!=",
    "<=",
    ">=",
    "<<",
    ">>",
    "+=",
    "-=",
    "*=",
    "/=",
    "%=",
    "&=",
    "|=",
    "^=",
    "@=",
]
_C_OPS = [
    "<<=",
    ">>=",
    "...",
    "->",
    "++",
    "--",
    "<<",
    ">>",
    "<=",
    ">=",
    "==",
    "!=",
    "&&",
    "||",
    "+=",
    "-=",
    "*=",
    "/=",
    "%=",
    "&=",
    "|=",
    "^=",
    "::",
]
_OPS = {
    "python": _PY_OPS,
    "java": [">>>=", ">>>"] + _C_OPS,
    "cpp": ["->*"] + _C_OPS,
    "javascript": [">>>=", "===", "!==", "**=", "??=", "&&=", "||=", ">>>", "**", "=>", "?.", "??"] + _C_OPS,
}


def _op_pattern(ops: list[str]) -> str:
    return "|".join(re.escape(op) for op in sorted(set(ops), key=len, reverse=True))


_PY_STRING = (
    r"(?i:[rbuf]{1,2})?(?:'''(?:\\.|[^\\])*?(?:'''|\Z)|\"\"\"(?:\\.|[^\\])*?(?:\"\"\"|\Z)"
    r"|'(?:\\.|[^'\\\n])*'?|\"(?:\\.|[^\"\\\n])*\"?)"
)
_NUMBER = (
    r"(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+"
    r"|(?:\d(?:[\d_]|'(?=\d))*\.?(?:[\d_]|'(?=\d))*|\.\d[\d_]*)(?:[eEpP][+-]?\d[\d_]*)?)"
    r"[a-zA-Z_]*"
)
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
    "and or not is lambda elif from with assert del raise sizeof goto".split()
)


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
    return program[program.rfind("\n", 0, pos) + 1 : pos].strip() == ""


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
        if (
            language == "javascript"
            and program[pos] == "/"
            and not _operand_end(tokens[-1] if tokens else None)
        ):
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
    words = [_xlcost_string(t.text, language) if t.kind == "string" else t.text for t in _lex(rest, language)]
    return " ".join([directive] + words)


_TEMPLATES = frozenset(
    "vector pair map set unordered_map unordered_set multiset multimap unordered_multimap "
    "unordered_multiset priority_queue queue stack deque list array tuple greater less function "
    "bitset numeric_limits shared_ptr unique_ptr make_pair optional forward_list basic_string "
    "static_cast dynamic_cast reinterpret_cast const_cast template".split()
)
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
        if (
            text == "<"
            and prev is not None
            and prev.kind == "name"
            and (prev.text in _TEMPLATES or self.language == "java" and prev.text[:1].isupper())
        ):
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
        if (
            language == "cpp"
            and tok.text in "-+"
            and nxt is not None
            and nxt.kind == "number"
            and nxt.start == tok.end
            and not _operand_end(prev)
        ):
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
            prefix = program[program.rfind("\n", 0, first) + 1 : first]
            column = len(prefix.expandtabs(8)) if not prefix.strip() else 0
            lines.append((column, current))
        current = []

    def sole_in_block(i: int) -> bool:
        before = lines[i - 1][0] if i > 0 else -1
        after = lines[i + 1][0] if i + 1 < len(lines) else -1
        return before < lines[i][0] and after < lines[i][0]

    # a docstring (a line that is only strings) is a comment, unless it is all its block holds
    kept = [
        line
        for i, line in enumerate(lines)
        if not all(t.kind == "string" for t in line[1]) or sole_in_block(i)
    ]
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
