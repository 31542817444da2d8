"""xlcost's tokenised form back to runnable source: `detokenize`, with the repairs the package
docstring lists."""

from __future__ import annotations

import keyword
import re
from functools import lru_cache
from typing import NamedTuple

from helpers.config import get_language
from helpers.xlcost_codec.encode import (
    _DIRECTIVE_END_RE,
    _LAYOUT,
    _MARKERS,
    _NOT_OPERAND,
    SPACE_MARK,
    _lex,
    _Templates,
)


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
    for marker, char in (("STRNEWLINE", "\\n"), ("NEW_LINE", "\\n"), ("TABSYMBOL", "\\t"), (SPACE_MARK, " ")):
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
        if (
            out
            and out[-1].isalnum()
            and word[0].isalnum()
            and not (out.endswith(_MARKERS) or word.startswith(_MARKERS))
        ):
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
        line = (m.group(1) + params + " " + line[m.end() :]).strip()
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
    "except raise from import case throw new typeof of await synchronized print_function".split()
)


def _unit_operand_end(unit: _Unit | None) -> bool:
    if unit is None:
        return False
    if unit.kind == "name":
        return (
            unit.text not in _NOT_OPERAND
            and not keyword.iskeyword(unit.text)
            or unit.text in ("True", "False", "None")
        )
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
    if b.text in ("(", "[") and (
        a.text in (")", "]") or a.kind == "string" or a.kind == "name" and a.text not in _NO_CALL_GLUE
    ):
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
        if (
            language == "javascript"
            and unit.kind == "name"
            and unit.text not in _JS_NO_BREAK_BEFORE
            and not after_control
            and (_unit_operand_end(prev) or prev is not None and prev.text == "}")
        ):
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
            if nxt is None or nxt.text not in (")", ";", ",", "]", ".", "else", "catch", "finally"):
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
    "String static final byte struct typename class new delete".split()
)
_COMPARISONS = frozenset(["==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "===", "!=="])


def _lost_bar(a: _Unit, b: _Unit, closed_call: bool, condition: bool) -> bool:
    """Whether xlcost dropped a `|` or `||` between two neighbours inside parentheses."""

    def value(u: _Unit) -> bool:
        return (
            u.kind == "number"
            or u.kind == "name"
            and u.text not in _TYPE_WORDS
            and u.text not in _NOT_OPERAND
            and not keyword.iskeyword(u.text)
        )

    if a.kind == "number" and value(b) or value(a) and b.kind == "number":
        return True  # `n % 2 == 0 n % 3 == 0`, `rt << 1 1`
    if a.kind == "string" and b.kind == "name" and value(b):
        return True  # `c == 'a' c == 'A'`
    # inside an if/while condition no declaration can put two operands side by side
    left = value(a) or a.kind == "string" or a.text == "]" or a.text == ")" and closed_call
    right = (
        value(b) or b.kind == "string" or b.text == "!" or b.text == "(" and a.kind in ("number", "string")
    )
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
                depth, j, segment = 0, i, [u.text for u in out[parens[-1][2] :]]
                while j < len(units) and depth >= 0 and not (depth == 0 and units[j].text == ","):
                    depth += (units[j].text == "(") - (units[j].text == ")")
                    segment.append(units[j].text)
                    j += 1
                bar = "||" if _COMPARISONS & set(segment) else "|"
            out.append(_Unit("op", bar))
        closed_call = False
        if unit.text in ("(", "["):
            call = (
                unit.text == "("
                and prev is not None
                and (prev.kind == "name" and prev.text not in _NO_CALL_GLUE or prev.text in (")", "]"))
            )
            condition = (
                prev is not None
                and prev.text in ("if", "while", "elif")
                or unit.text == "("
                and bool(parens and parens[-1][1])
            )
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
        out.append(
            _Unit("tpl_open", "<")
            if role == 1
            else _Unit("tpl_close", ">")
            if role == -1 and unit.text == ">"
            else unit
        )
    return out


def detokenize(code: str, language: str) -> str:
    """The xlcost tokenised form -> runnable source (layout rebuilt, literals re-joined)."""
    language = get_language(language).name
    units = _mark_templates(_repair_lost_bars(_units(code, language), language), language)
    return _python_source(units) if language == "python" else _c_source(units, language)
