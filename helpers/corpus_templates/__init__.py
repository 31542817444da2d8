"""Task families of the generated parallel corpus: one program template per language, phrasings.

A family is one programming task (say "sum of the digits of a number") written once per language
as a `string.Template`. A seeded `random.Random` picks, per variant, the names, constants and
inputs (`params`) and the phrasing of the title and of each comment, so that one family yields
several different tasks whose four programs print the same output.

Template conventions (all four languages):
- `$name` is replaced by a parameter: an `int`, a plain `str` (an identifier, pasted as is),
  `Text` (a string literal, quoted the same way in every language) or a `list` of ints (written
  `[1, 2]` in Python and JavaScript, `{1, 2}` in Java and C++);
- a line holding only `@0`, `@1`, ... (after its indentation) becomes comment slot 0, 1, ...
  (`#` in Python, `//` otherwise), `@D` the driver-code comment; the description is the title,
  `|`, and the comments in the order the Python program shows them, joined by ` ; ` (xlcost's form).
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from string import Template

# The modules holding the families, in corpus order (each exports FAMILIES).
MODULES = (
    "digits",
    "primes",
    "series",
    "sequences",
    "array_stats",
    "array_order",
    "array_pairs",
    "matrices",
    "strings",
    "text",
)
LANGUAGE_KEYS = ("python", "java", "javascript", "cpp")
DRIVER_COMMENTS = ("Driver code", "Driver code", "Driver Code", "Driver program")
_SLOT = re.compile(r"^([ \t]*)@(\d+|D)[ \t]*$", re.MULTILINE)


class Text(str):
    """A string literal parameter (quoted in the program, bare in the description)."""


Value = int | str | list  # list: of ints, or of lists of ints (a matrix)


@dataclass(frozen=True)
class Family:
    """One task written in all four languages, with the phrasings its variants choose from."""

    name: str  # snake_case, unique: the family part of every task_id
    titles: tuple[str, ...]  # phrasings of the title; may use $params
    comments: tuple[tuple[str, ...], ...]  # per comment slot, its phrasings; may use $params
    programs: Mapping[str, str]  # language key -> program template
    params: Callable[[random.Random], dict[str, Value]]  # names, constants and inputs of a variant


@dataclass(frozen=True)
class Rendered:
    """One variant of a family: its description and its four programs."""

    text: str
    sources: dict[str, str]  # language key -> runnable source


def literal(value: Value, language: str) -> str:
    """A parameter as it is written in a program of `language`."""
    if isinstance(value, bool):
        raise TypeError("booleans print differently per language; use ints or Text")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Text):
        return json.dumps(str(value))
    if isinstance(value, list):
        inner = ", ".join(literal(v, language) for v in value)
        return f"[{inner}]" if language in ("python", "javascript") else f"{{{inner}}}"
    return value


def _words(value: Value) -> str:
    """A parameter as a description mentions it."""
    if isinstance(value, list):
        return " , ".join(_words(v) for v in value)
    return str(value)


def slot_order(template: str) -> list[str]:
    """The comment slots of a program template, in the order they appear."""
    return [m.group(2) for m in _SLOT.finditer(template)]


def render(family: Family, rng: random.Random) -> Rendered:
    """Draw one variant of `family` with `rng`: parameters, phrasings, description, programs."""
    params = family.params(rng)
    words = {k: _words(v) for k, v in params.items()}
    title = Template(rng.choice(family.titles)).substitute(words)
    comments = {
        str(i): Template(rng.choice(options)).substitute(words) for i, options in enumerate(family.comments)
    }
    comments["D"] = rng.choice(DRIVER_COMMENTS)
    sources = {}
    for key in LANGUAGE_KEYS:
        mark = "#" if key == "python" else "//"
        program = _SLOT.sub(
            lambda m, mark=mark: f"{m.group(1)}{mark} {comments[m.group(2)]}",
            family.programs[key].strip("\n") + "\n",
        )
        sources[key] = Template(program).substitute({k: literal(v, key) for k, v in params.items()})
    order = slot_order(family.programs["python"])
    return Rendered(f"{title} | " + " ; ".join(comments[slot] for slot in order), sources)


def pick(rng: random.Random, *options: str) -> str:
    """One of `options` (for names: the same choice is used in all four programs)."""
    return rng.choice(options)


def distinct(rng: random.Random, count: int, low: int, high: int) -> list[int]:
    """`count` different ints from [low, high], in random order."""
    return rng.sample(range(low, high + 1), count)


def ints(rng: random.Random, count: int, low: int, high: int) -> list[int]:
    """`count` ints from [low, high] (repeats allowed)."""
    return [rng.randint(low, high) for _ in range(count)]


def java(body: str) -> str:
    """A Java program: `body` (static methods and main) inside xlcost's `class GFG`."""
    return "class GFG {\n" + textwrap.indent(body.strip("\n"), "    ") + "\n}\n"


def cpp(body: str) -> str:
    """A C++ program: xlcost's usual header, then `body`."""
    return "#include <bits/stdc++.h>\nusing namespace std;\n\n" + body.strip("\n") + "\n"


def families() -> list[Family]:
    """Every family of the corpus, in a fixed order."""
    from importlib import import_module

    found = [
        family
        for module in MODULES
        for family in import_module(f"helpers.corpus_templates.{module}").FAMILIES
    ]
    names = [f.name for f in found]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate family names: {sorted(n for n in names if names.count(n) > 1)}")
    return found
