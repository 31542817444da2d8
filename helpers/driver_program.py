"""A prediction's definitions put under its reference's driver code, the program driver_match runs.

The xlcost prompts describe a task, not a test: a correct prediction may name its own test
values or be cut off after its functions. Running its definitions under the reference's own
driver (`compose_driver_program`) asks only whether the functions compute what the reference's
do; `missing_names` tells when the prediction named them differently.
"""

from __future__ import annotations

import re

from helpers.config import get_language
from helpers.program_parts import Part, ProgramParts, split_program

__all__ = ["compose_driver_program", "compose_parts", "missing_names"]

# Top-level statements of a prediction that are its own test output, never its set-up.
_OUTPUT_STATEMENT = re.compile(r"\s*(print\s*\(|console\s*\.\s*log\s*\(|document\s*\.\s*write)")
_MAIN_GUARD = re.compile(r"\s*if\s+\(?\s*__name__\s*==")


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _merge_imports(reference: ProgramParts, prediction: ProgramParts) -> list[str]:
    """Return the reference's imports, then the prediction's usable ones it lacks."""
    candidates = [p for p in reference.definitions if p.kind == "import"]
    candidates += [p for p in prediction.definitions if p.kind == "import" and p.usable]
    imports, seen = [], set()
    for part in candidates:
        if _normalised(part.text) not in seen:
            seen.add(_normalised(part.text))
            imports.append(part.text.strip())
    # `from __future__` must open a Python module
    return sorted(imports, key=lambda line: "__future__" not in line)


def _prediction_setup(prediction: ProgramParts, reference: ProgramParts) -> list[Part]:
    """Return the prediction's top-level statements its definitions need (Python/JavaScript).

    Kept: statements before its last definition (constants, tables) and statements binding a name
    its definitions use; dropped: output statements, `if __name__ == ...` blocks, statements the
    reference's driver also has, and (JavaScript) declarations the reference's driver redeclares.
    """
    code = [p for p in prediction.definitions if p.kind in ("function", "class") and p.usable]
    last = max((p.position for p in code), default=-1)
    used = set().union(*(p.uses for p in code)) if code else set()
    driver_texts = {_normalised(p.text) for p in reference.driver_parts}
    driver_names = {n for p in reference.driver_parts for n in p.names}
    kept = []
    for part in prediction.driver_parts:
        needed = part.position < last or bool(set(part.names) & used)
        if (
            not part.usable
            or not needed
            or _OUTPUT_STATEMENT.match(part.text)
            or _MAIN_GUARD.match(part.text)
            or _normalised(part.text) in driver_texts
        ):
            continue
        if prediction.language == "javascript" and set(part.names) & driver_names:
            continue  # `let x` twice in one scope is a SyntaxError; the driver's value wins
        kept.append(part)
    return kept


_JAVA_WORD_OR_LITERAL = r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|//[^\n]*|/\*.*?\*/|\b{name}\b'


def _rename_java(text: str, old: str | None, new: str | None) -> str:
    """Rename the identifier `old` to `new` outside string literals and comments."""
    if not old or not new or old == new:
        return text
    pattern = re.compile(_JAVA_WORD_OR_LITERAL.format(name=re.escape(old)), re.S)
    return pattern.sub(lambda m: new if m.group() == old else m.group(), text)


def _compose_java(prediction: ProgramParts, reference: ProgramParts) -> str | None:
    if not reference.main_class or not reference.main_signature:
        return None
    old, new = prediction.main_class, reference.main_class
    members = [p for p in prediction.definitions if p.member and p.usable]
    types = [p for p in prediction.definitions if p.kind == "class" and not p.member and p.usable]
    if not any(p.kind in ("function", "class") for p in members + types):
        return None
    bound = {n for p in members for n in p.names}
    # the reference's fields its main may read (static constants, tables) that the prediction lacks
    fields = [
        p for p in reference.definitions if p.member and p.kind == "variable" and not set(p.names) & bound
    ]
    body = [p.text for p in fields] + [_rename_java(p.text, old, new) for p in members]
    lines = _merge_imports(reference, prediction)
    lines += [_rename_java(p.text, old, new) for p in types]
    lines += [
        reference.main_class_header + " {",
        *body,
        reference.main_signature + " {",
        reference.driver,
        "}",
        "}",
    ]
    return "\n".join(lines) + "\n"


def _compose_cpp(prediction: ProgramParts, reference: ProgramParts) -> str | None:
    if not reference.driver:
        return None
    code = [p for p in prediction.definitions if p.kind != "import" and p.usable]
    if not any(p.kind in ("function", "class") for p in code):
        return None
    bound = {n for p in code for n in p.names}
    # the reference's globals, macros and typedefs its main may use that the prediction lacks
    extra = [
        p for p in reference.definitions if p.kind == "variable" and p.names and not set(p.names) & bound
    ]
    lines = _merge_imports(reference, prediction) + [p.text for p in code + extra]
    return "\n".join([*lines, reference.driver]) + "\n"


def _compose_script(prediction: ProgramParts, reference: ProgramParts) -> str | None:
    if not reference.driver_parts:
        return None
    code = [p for p in prediction.definitions if p.kind in ("function", "class") and p.usable]
    if not code:
        return None
    body = sorted(code + _prediction_setup(prediction, reference), key=lambda p: p.position)
    lines = _merge_imports(reference, prediction) + [p.text for p in body]
    return "\n".join([*lines, reference.driver]) + "\n"


def compose_driver_program(prediction_program: str, reference_program: str, language: str) -> str | None:
    """Return the prediction's definitions under the reference's driver, or None if it has none.

    Python/JavaScript: imports, the prediction's definitions (with the top-level set-up they
    need), then the reference's top-level statements. Java: one class named like the reference's
    main class holding the prediction's members (its class name renamed), the reference's fields
    it lacks and the reference's main; plus the prediction's other classes and both imports.
    C++: both includes, the prediction's declarations, the reference's globals it lacks, the
    reference's main. Parts of the prediction that are cut off or, in Python and JavaScript, have
    a syntax error are left out (see program_parts._is_usable); None when no function or class
    is left, or when the reference has no driver or defines nothing (a script: its driver would
    not exercise anything of the prediction's).
    """
    language = get_language(language).name
    for name, text in (("prediction_program", prediction_program), ("reference_program", reference_program)):
        if not isinstance(text, str):
            raise ValueError(f"{name} must be str, got {type(text).__name__}.")
    return compose_parts(
        split_program(prediction_program, language), split_program(reference_program, language)
    )


def compose_parts(prediction: ProgramParts, reference: ProgramParts) -> str | None:
    """Return compose_driver_program of two programs already split (each split once)."""
    if not reference.defines_code:
        return None
    composer = {"java": _compose_java, "cpp": _compose_cpp}.get(reference.language, _compose_script)
    return composer(prediction, reference)


def missing_names(prediction: ProgramParts, reference: ProgramParts) -> list[str]:
    """Return the reference's functions and classes its driver names that the prediction lacks.

    A prediction that names its function differently from the reference (the xlcost prompts do
    not give the name) cannot pass driver_match; this says so.
    """
    driver_words = set(re.findall(r"[A-Za-z_$][\w$]*", reference.driver))
    wanted = {
        n for p in reference.definitions if p.kind in ("function", "class") for n in p.names
    } & driver_words
    defined = {n for p in prediction.definitions if p.usable for n in p.names}
    return sorted(wanted - defined)
