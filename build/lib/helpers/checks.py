"""Execution-based checks of generated code: does it run, does it do what the reference does.

CodeBLEU counts shared n-grams; these checks run the code (in helpers.execution's sandbox):
- `runs`: the generated program, as generated (markdown fences stripped), exits cleanly;
- `driver_match`: the generated *definitions* (functions, classes, globals they need) put under
  the reference's own driver code print exactly what the reference program prints. So a correct
  function passes even when the model's own test code prints something else, or is cut off.
  (A reference that defines nothing is a script: then the prediction's own output is compared.)
Programs are cut into definitions and driver with tree-sitter (`split_program`), and the
language of a text is recognised from how well each grammar parses it (`identify_language`).
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field, replace
from functools import cache

__all__ = [
    "ExecutionReport", "LanguageScore", "Part", "ProgramParts", "classify_language",
    "compose_driver_program", "execution_checks", "extract_code", "identify_language",
    "language_report", "language_scores", "missing_names", "normalise_output", "split_program",
]

LANGUAGE_IDS = ("python", "java", "javascript", "cpp")
NOT_CODE = "not_code"
REFERENCE_FORMATS = ("xlcost", "source")
# Part kinds: import (import/#include/using), function (also methods, prototypes and functions
# bound to a name), class (any type), variable (globals, fields, macros, typedefs), statement.
PART_KINDS = ("import", "function", "class", "variable", "statement")

_GRAMMARS = {
    "python": "tree_sitter_python", "java": "tree_sitter_java",
    "javascript": "tree_sitter_javascript", "cpp": "tree_sitter_cpp",
}


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------

@cache
def _parser(language: str):
    """Return a tree-sitter parser for one of LANGUAGE_IDS, built once per process."""
    import importlib

    from tree_sitter import Language, Parser

    grammar = importlib.import_module(_GRAMMARS[language])
    return Parser(Language(grammar.language()))


def _parse(source: str, language: str):
    """Return the tree-sitter tree of a source text."""
    return _parser(language).parse(source.encode("utf-8"))


def _text(node) -> str:
    return node.text.decode("utf-8", errors="replace")


def _identifiers(node, types=("identifier", "type_identifier", "field_identifier")) -> set[str]:
    """Return every identifier spelled anywhere inside a node."""
    found, stack = set(), [node]
    while stack:
        current = stack.pop()
        if current.type in types:
            found.add(_text(current))
        stack.extend(current.children)
    return found


def _language_key(language: str) -> str:
    from helpers.config import get_language

    return get_language(language).key


# --------------------------------------------------------------------------------------------
# Splitting a program into definitions and driver
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """One piece of a program: its kind (see PART_KINDS), the names it binds and its text."""

    kind: str
    text: str
    names: tuple[str, ...] = ()  # names it binds (function, class, variable, macro...)
    # identifiers spelled inside it; Python/JavaScript definitions: only those it does not bind
    uses: frozenset[str] = frozenset()
    member: bool = False  # Java: belongs in the main class (field, method, nested class)
    usable: bool = True  # complete: see _is_usable
    position: int = 0  # byte offset in the source, to keep source order when composing


def _is_usable(node, lenient: bool) -> bool:
    """True for an error-free node; lenient: unless cut off (ERROR, MISSING or error at its end).

    The Java and C++ grammars lag the compilers (tree-sitter-java rejects `(q) = k;`, which javac
    accepts), so there an error inside a complete definition is left for the compiler to judge;
    a definition cut off by the token limit always has a missing token or an error at its end.
    """
    if node.type == "ERROR":
        return False
    if not node.has_error:
        return True
    if not lenient:
        return False
    last = node
    while last.child_count:
        last = last.children[-1]
        if last.type == "ERROR" or last.is_missing:
            return False
    stack = [node]
    while stack:
        current = stack.pop()
        if current.is_missing:
            return False
        stack.extend(c for c in current.children if c.has_error or c.is_missing)
    return True


def _ends_in_empty_block(node) -> bool:
    """True when a Python definition is cut off after a colon (`if x:` then the end of text).

    tree-sitter-python parses that without an error, as a block of zero tokens.
    """
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "block" and current.child_count == 0:
            return True
        stack.extend(current.children)
    return False


def _part(kind: str, node, names=(), member: bool = False, text: str | None = None,
          lenient: bool = False) -> Part:
    """Return a Part for a tree-sitter node."""
    usable = _is_usable(node, lenient) and not _ends_in_empty_block(node)
    return Part(kind, _text(node) if text is None else text, tuple(names),
                frozenset(_identifiers(node)), member, usable, node.start_byte)


def _lenient_part(*args, **kwargs) -> Part:
    """Return a Part judged leniently (Java and C++, see _is_usable)."""
    return _part(*args, **kwargs, lenient=True)


@dataclass(frozen=True)
class ProgramParts:
    """A program cut into what it defines and the driver code that runs it."""

    language: str
    # imports/includes/using, functions, classes; Java: main-class members other than main and
    # other top-level types; C++: every top-level declaration but main. Source order.
    definitions: tuple[Part, ...]
    # Python/JavaScript: the top-level statements that are not definitions; Java: the body of
    # main; C++: the whole `int main() {...}`. Empty when the program has none.
    driver: str
    driver_parts: tuple[Part, ...] = ()  # Python/JavaScript: the driver's statements, in order
    main_signature: str = ""  # Java: `public static void main(String[] args)`, as written
    main_class: str | None = None  # Java: the class holding main (else see _java_main_class)
    main_class_header: str = ""  # Java: `public class GFG`, as written
    has_errors: bool = False  # tree-sitter found syntax errors somewhere

    @property
    def imports(self) -> tuple[str, ...]:
        """Return the import / #include / using lines."""
        return tuple(p.text for p in self.definitions if p.kind == "import")

    @property
    def defines_code(self) -> bool:
        """Return True when the program defines a function, method or class (not just a script)."""
        return any(p.kind in ("function", "class") for p in self.definitions)


def split_program(source: str, language: str) -> ProgramParts:
    """Cut a program into definitions and driver with tree-sitter (see ProgramParts)."""
    key = _language_key(language)
    if not isinstance(source, str):
        raise ValueError(f"source must be str, got {type(source).__name__}.")
    tree = _parse(source, key)
    splitter = {"python": _split_python, "javascript": _split_javascript, "java": _split_java,
                "cpp": _split_cpp}[key]
    return splitter(tree.root_node)


# Where a function binds names of its own (parameters, locals): node type -> field holding the
# bound name(s), None for "every identifier inside" (parameter lists; defaults handled apart).
_LOCAL_BINDINGS = {
    "python": {"parameters": None, "lambda_parameters": None, "assignment": "left",
               "augmented_assignment": "left", "for_statement": "left", "for_in_clause": "left",
               "as_pattern_target": None, "named_expression": "name",
               "function_definition": "name", "class_definition": "name"},
    "javascript": {"formal_parameters": None, "variable_declarator": "name",
                   "function_declaration": "name", "class_declaration": "name",
                   "for_in_statement": "left", "catch_clause": "parameter",
                   "arrow_function": "parameter"},
}
_DEFAULTS = ("default_parameter", "typed_default_parameter", "assignment_pattern")


def _free_names(node, language: str) -> frozenset[str]:
    """Return the identifiers a definition uses but does not bind itself (its globals, roughly)."""
    bindings, local, declared_global = _LOCAL_BINDINGS[language], set(), set()
    stack = list(node.children)
    while stack:
        current = stack.pop()
        stack.extend(current.children)
        if current.type == "global_statement":
            declared_global |= _identifiers(current, ("identifier",))
        if current.type not in bindings:
            continue
        field_name = bindings[current.type]
        if field_name is not None:
            target = current.child_by_field_name(field_name)
            targets = [target] if target is not None else []
        else:  # a parameter list: a default value is used, only its name is bound
            targets = [c.child_by_field_name("name") or c.child_by_field_name("left") or c
                       if c.type in _DEFAULTS else c for c in current.named_children]
        for target in targets:
            if target is not None:
                local |= _identifiers(target, ("identifier",))
    return frozenset(_identifiers(node, ("identifier",)) - (local - declared_global))


# --- Python ---

_PY_IMPORTS = ("import_statement", "import_from_statement", "future_import_statement")
_PY_DEFS = ("function_definition", "class_definition", "decorated_definition")


def _py_bound(node) -> tuple[str, ...]:
    """Return the names a top-level Python assignment binds (none for other statements)."""
    if node.type == "expression_statement" and node.named_children:
        inner = node.named_children[0]
        if inner.type == "assignment":
            names, target = [], inner
            while target is not None and target.type == "assignment":
                left = target.child_by_field_name("left")
                if left is not None and left.type in ("identifier", "pattern_list",
                                                      "tuple_pattern", "list_pattern"):
                    names += sorted(_identifiers(left, ("identifier",)))
                target = target.child_by_field_name("right")
            return tuple(names)
    return ()


def _is_lambda_assignment(node) -> bool:
    if node.type != "expression_statement" or not node.named_children:
        return False
    inner = node.named_children[0]
    right = inner.child_by_field_name("right") if inner.type == "assignment" else None
    return right is not None and right.type == "lambda"


def _split_python(root) -> ProgramParts:
    definitions, driver = [], []
    for node in root.named_children:
        if node.type == "comment":
            continue
        if node.type in _PY_IMPORTS:
            definitions.append(_part("import", node))
        elif node.type in _PY_DEFS or _is_lambda_assignment(node):
            inner = node.child_by_field_name("definition") if node.type == "decorated_definition" \
                else node
            name = inner.child_by_field_name("name") if inner is not None else None
            kind = "class" if inner is not None and inner.type == "class_definition" else "function"
            names = (_text(name),) if name is not None else _py_bound(node)
            definitions.append(replace(_part(kind, node, names),
                                       uses=_free_names(node, "python")))
        else:
            driver.append(_part("statement", node, _py_bound(node)))
    return ProgramParts("python", tuple(definitions), "\n".join(p.text for p in driver),
                        tuple(driver), has_errors=root.has_error)


# --- JavaScript ---

_JS_DECLARATIONS = ("lexical_declaration", "variable_declaration")
_JS_FUNCTION_VALUES = ("arrow_function", "function_expression", "function", "class",
                       "generator_function")


def _js_declared(node) -> tuple[str, ...]:
    """Return the names a top-level JavaScript statement declares or assigns."""
    if node.type in _JS_DECLARATIONS:
        names = []
        for declarator in node.named_children:
            if declarator.type == "variable_declarator":
                name = declarator.child_by_field_name("name")
                if name is not None:
                    names += sorted(_identifiers(name, ("identifier",
                                                        "shorthand_property_identifier_pattern")))
        return tuple(names)
    if node.type in ("function_declaration", "generator_function_declaration",
                     "class_declaration"):
        name = node.child_by_field_name("name")
        return (_text(name),) if name is not None else ()
    if node.type == "expression_statement" and node.named_children:
        inner = node.named_children[0]
        if inner.type == "assignment_expression":
            left = inner.child_by_field_name("left")
            if left is not None and left.type == "identifier":
                return (_text(left),)
    return ()


def _js_is_function_value(node) -> bool:
    """True for `const f = (a) => ...` / `var f = function (...) {...}` declarations."""
    if node.type not in _JS_DECLARATIONS:
        return False
    values = [d.child_by_field_name("value") for d in node.named_children
              if d.type == "variable_declarator"]
    return bool(values) and all(v is not None and v.type in _JS_FUNCTION_VALUES for v in values)


def _split_javascript(root) -> ProgramParts:
    definitions, driver = [], []
    for node in root.named_children:
        if node.type in ("comment", "hash_bang_line", "empty_statement"):
            continue
        names = _js_declared(node)
        if node.type == "import_statement":
            definitions.append(_part("import", node))
        elif node.type in ("function_declaration", "generator_function_declaration") \
                or _js_is_function_value(node):
            definitions.append(replace(_part("function", node, names),
                                       uses=_free_names(node, "javascript")))
        elif node.type == "class_declaration":
            definitions.append(replace(_part("class", node, names),
                                       uses=_free_names(node, "javascript")))
        else:
            driver.append(_part("statement", node, names))
    return ProgramParts("javascript", tuple(definitions), "\n".join(p.text for p in driver),
                        tuple(driver), has_errors=root.has_error)


# --- Java ---

_JAVA_TYPES = ("class_declaration", "interface_declaration", "enum_declaration",
               "record_declaration", "annotation_type_declaration")


def _java_is_main(node) -> bool:
    """True for a `static void main(...)` method declaration."""
    if node.type != "method_declaration":
        return False
    name = node.child_by_field_name("name")
    modifiers = next((c for c in node.children if c.type == "modifiers"), None)
    return (name is not None and _text(name) == "main" and modifiers is not None
            and "static" in _text(modifiers).split())


def _java_member(node) -> Part | None:
    """Return a class-body declaration (or a top-level one that belongs in a class) as a Part."""
    if node.type in ("method_declaration", "constructor_declaration"):
        name = node.child_by_field_name("name")
        return _lenient_part("function", node, (_text(name),) if name else (), member=True)
    if node.type in ("field_declaration", "local_variable_declaration", "constant_declaration"):
        names = [_text(d.child_by_field_name("name")) for d in node.named_children
                 if d.type == "variable_declarator" and d.child_by_field_name("name")]
        return _lenient_part("variable", node, names, member=True)
    if node.type in _JAVA_TYPES:
        name = node.child_by_field_name("name")
        return _lenient_part("class", node, (_text(name),) if name else (), member=True)
    if node.type in ("static_initializer", "block"):
        return _lenient_part("statement", node, member=True)
    return None


def _java_modifiers(node) -> list[str]:
    modifiers = next((c for c in node.children if c.type == "modifiers"), None)
    return _text(modifiers).split() if modifiers is not None else []


@dataclass
class _JavaType:
    """A top-level Java type: from a declaration, or recovered from an ERROR node (cut off)."""

    name: str | None
    header: str  # `public class GFG`, the text before its `{`
    modifiers: list[str]
    members: list  # tree-sitter nodes of its body
    node: object = None  # the declaration node, None when recovered


def _java_type(node) -> _JavaType:
    name, body = node.child_by_field_name("name"), node.child_by_field_name("body")
    end = body.start_byte if body is not None else node.end_byte
    header = node.text[:end - node.start_byte].decode("utf-8", errors="replace").strip()
    return _JavaType(_text(name) if name is not None else None, header, _java_modifiers(node),
                     list(body.named_children) if body is not None else [], node)


def _java_recover(error, types: list, loose: list, imports: list) -> None:
    """Find the types, members and imports inside a top-level ERROR node.

    A class cut off before its closing brace is not a class_declaration to tree-sitter: its
    `class Name {` tokens and complete member declarations sit loose in an ERROR node.
    """
    children, current, start = error.children, None, None
    for i, child in enumerate(children):
        if child.type == "modifiers":
            start = child
        elif child.type in ("class", "interface", "enum") and i + 1 < len(children) \
                and children[i + 1].type == "identifier":
            brace = next((c for c in children[i + 1:] if c.type == "{"), None)
            first = start if start is not None else child
            end = brace.start_byte if brace is not None else children[i + 1].end_byte
            header = error.text[first.start_byte - error.start_byte:end - error.start_byte]
            current = _JavaType(_text(children[i + 1]), header.decode("utf-8", "replace").strip(),
                                _text(start).split() if start is not None else [], [])
            types.append(current)
            start = None
        elif child.type == "import_declaration":
            imports.append(_lenient_part("import", child))
        elif child.type in _JAVA_TYPES and current is None:
            types.append(_java_type(child))
        elif child.type in _JAVA_MEMBERS or child.type in _JAVA_TYPES:
            (current.members if current is not None else loose).append(child)
            start = None
        elif child.type == "ERROR":
            _java_recover(child, types, loose, imports)


_JAVA_MEMBERS = ("method_declaration", "constructor_declaration", "field_declaration",
                 "local_variable_declaration", "constant_declaration", "static_initializer")


def _java_main_class(types: list[_JavaType], loose_methods: bool) -> _JavaType | None:
    """Return the type declaring main, else (no bare methods) a public or static-method one."""
    classes = [t for t in types if t.node is None or t.node.type == "class_declaration"]
    for cls in classes:
        if any(_java_is_main(m) for m in cls.members):
            return cls
    if loose_methods:  # a snippet of bare methods: they are the main class, the rest are types
        return None
    with_static = [c for c in classes if any(
        m.type == "method_declaration" and "static" in _java_modifiers(m) for m in c.members)]
    for cls in with_static or classes:
        if "public" in cls.modifiers:
            return cls
    return with_static[0] if with_static else None


def _split_java(root) -> ProgramParts:
    imports, types, loose = [], [], []
    for node in root.named_children:
        if node.type == "import_declaration":
            imports.append(_lenient_part("import", node))
        elif node.type in _JAVA_TYPES:
            types.append(_java_type(node))
        elif node.type == "ERROR":
            _java_recover(node, types, loose, imports)
        elif node.type not in ("line_comment", "block_comment", "package_declaration"):
            loose.append(node)  # methods or fields outside any class (a snippet)
    main_class = _java_main_class(types, any(n.type == "method_declaration" for n in loose))
    definitions = list(imports)
    signature = driver = ""
    for member in (main_class.members if main_class is not None else []) + loose:
        if _java_is_main(member):
            block = member.child_by_field_name("body")
            if block is not None and main_class is not None and member in main_class.members:
                signature = member.text[:block.start_byte - member.start_byte].decode(
                    "utf-8", errors="replace").strip()
                driver = _text(block)[1:-1].strip() if block.text.endswith(b"}") \
                    else _text(block)[1:].strip()
            continue
        part = _java_member(member)
        if part is not None:
            definitions.append(part)
    for java_type in types:
        if java_type is main_class:
            continue
        if java_type.node is not None:
            definitions.append(_lenient_part("class", java_type.node, [java_type.name] if
                                             java_type.name else ()))
        # a recovered (cut-off) type other than the main class is incomplete: left out
    return ProgramParts("java", tuple(definitions), driver, (), signature,
                        main_class.name if main_class is not None else None,
                        main_class.header if main_class is not None else "", root.has_error)


# --- C++ ---

_CPP_IMPORTS = ("preproc_include", "using_declaration")
_CPP_TYPES = ("struct_specifier", "class_specifier", "union_specifier", "enum_specifier")
_CPP_ALIASES = ("type_definition", "alias_declaration", "preproc_def", "preproc_function_def")


def _cpp_declarator_name(node) -> str | None:
    """Follow a C++ declarator down to the name it declares."""
    while node is not None:
        if node.type in ("identifier", "field_identifier", "type_identifier",
                         "qualified_identifier", "destructor_name", "operator_name"):
            return _text(node)
        node = node.child_by_field_name("declarator")
    return None


def _cpp_function_name(node) -> str | None:
    """Return the name of a C++ function definition (also inside a template)."""
    if node.type == "template_declaration":
        inner = next((c for c in node.named_children if c.type in ("function_definition",
                                                                   "declaration")), None)
        return _cpp_function_name(inner) if inner is not None else None
    return _cpp_declarator_name(node.child_by_field_name("declarator"))


def _cpp_lenient_part(node, text: str) -> Part:
    """Classify one top-level C++ node (main is handled by the caller)."""
    if node.type in _CPP_IMPORTS:
        return _lenient_part("import", node, text=text)
    if node.type in ("function_definition", "template_declaration"):
        name = _cpp_function_name(node)
        return _lenient_part("function", node, (name,) if name else (), text=text)
    if node.type in _CPP_TYPES:
        name = node.child_by_field_name("name")
        return _lenient_part("class", node, (_text(name),) if name else (), text=text)
    if node.type in _CPP_ALIASES:
        if node.type.startswith("preproc"):
            name = node.child_by_field_name("name")
            names = (_text(name),) if name is not None else ()
        else:
            declarator = node.child_by_field_name("declarator") or node.child_by_field_name("name")
            names = tuple(n for n in [_cpp_declarator_name(declarator)] if n)
        return _lenient_part("variable", node, names, text=text)
    if node.type == "declaration":
        declarators = node.children_by_field_name("declarator")
        if any(d.type == "function_declarator" for d in declarators):
            names = tuple(n for n in map(_cpp_declarator_name, declarators) if n)
            return _lenient_part("function", node, names, text=text)  # a prototype
        type_node = node.child_by_field_name("type")
        kind = "class" if not declarators and type_node is not None \
            and type_node.type in _CPP_TYPES else "variable"
        names = tuple(n for n in map(_cpp_declarator_name, declarators) if n)
        if kind == "class":
            name = type_node.child_by_field_name("name")
            names = (_text(name),) if name is not None else ()
        return _lenient_part(kind, node, names, text=text)
    return _lenient_part("statement", node, text=text)


def _split_cpp(root) -> ProgramParts:
    definitions, driver = [], ""
    children = root.children
    for i, node in enumerate(children):
        if node.type in ("comment", ";") or not node.is_named:
            continue
        text = _text(node)
        # `struct Node {...};` parses as a specifier followed by a lone `;`
        if i + 1 < len(children) and children[i + 1].type == ";":
            text += ";"
        if node.type == "function_definition" and _cpp_function_name(node) == "main":
            driver = text
            continue
        definitions.append(_cpp_lenient_part(node, text))
    return ProgramParts("cpp", tuple(definitions), driver, has_errors=root.has_error)


# --------------------------------------------------------------------------------------------
# Prediction definitions under the reference's driver
# --------------------------------------------------------------------------------------------

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
        if not part.usable or not needed or _OUTPUT_STATEMENT.match(part.text) \
                or _MAIN_GUARD.match(part.text) or _normalised(part.text) in driver_texts:
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
    fields = [p for p in reference.definitions if p.member and p.kind == "variable"
              and not set(p.names) & bound]
    body = [p.text for p in fields] + [_rename_java(p.text, old, new) for p in members]
    lines = _merge_imports(reference, prediction)
    lines += [_rename_java(p.text, old, new) for p in types]
    lines += [reference.main_class_header + " {", *body,
              reference.main_signature + " {", reference.driver, "}", "}"]
    return "\n".join(lines) + "\n"


def _compose_cpp(prediction: ProgramParts, reference: ProgramParts) -> str | None:
    if not reference.driver:
        return None
    code = [p for p in prediction.definitions if p.kind != "import" and p.usable]
    if not any(p.kind in ("function", "class") for p in code):
        return None
    bound = {n for p in code for n in p.names}
    # the reference's globals, macros and typedefs its main may use that the prediction lacks
    extra = [p for p in reference.definitions if p.kind == "variable" and p.names
             and not set(p.names) & bound]
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


def compose_driver_program(prediction_source: str, reference_source: str,
                           language: str) -> str | None:
    """Return the prediction's definitions under the reference's driver, or None if it has none.

    Python/JavaScript: imports, the prediction's definitions (with the top-level set-up they
    need), then the reference's top-level statements. Java: one class named like the reference's
    main class holding the prediction's members (its class name renamed), the reference's fields
    it lacks and the reference's main; plus the prediction's other classes and both imports.
    C++: both includes, the prediction's declarations, the reference's globals it lacks, the
    reference's main. Parts of the prediction that are cut off or, in Python and JavaScript, have
    a syntax error are left out (see _is_usable); None when no function or class is left, or
    when the reference has no driver or defines nothing (a script: its driver would not exercise
    anything of the prediction's).
    """
    key = _language_key(language)
    for name, text in (("prediction_source", prediction_source),
                       ("reference_source", reference_source)):
        if not isinstance(text, str):
            raise ValueError(f"{name} must be str, got {type(text).__name__}.")
    return _compose_parts(split_program(prediction_source, key),
                          split_program(reference_source, key))


def _compose_parts(prediction: ProgramParts, reference: ProgramParts) -> str | None:
    """compose_driver_program on programs already split."""
    if not reference.defines_code:
        return None
    composer = {"java": _compose_java, "cpp": _compose_cpp}.get(reference.language,
                                                                 _compose_script)
    return composer(prediction, reference)


def missing_names(prediction: ProgramParts, reference: ProgramParts) -> list[str]:
    """Return the reference's functions and classes its driver names that the prediction lacks.

    A prediction that names its function differently from the reference (the xlcost prompts do
    not give the name) cannot pass driver_match; this says so.
    """
    driver_words = set(re.findall(r"[A-Za-z_$][\w$]*", reference.driver))
    wanted = {n for p in reference.definitions if p.kind in ("function", "class")
              for n in p.names} & driver_words
    defined = {n for p in prediction.definitions if p.usable for n in p.names}
    return sorted(wanted - defined)


# --------------------------------------------------------------------------------------------
# Which language is a text written in?
# --------------------------------------------------------------------------------------------

# Markers of each language. A strong one (first list: found in no other of the four languages)
# adds _STRONG_WEIGHT to the language's score, a weak one (second list) _WEAK_WEIGHT; counts are
# capped so that a long program does not swamp its parse.
_MARKERS = {
    "python": (
        [r"^\s*def\s+\w+\s*\(.*\)\s*(->[^:\n]+)?:\s*(#.*)?$", r"__name__",
         r"^\s*(if|elif|else|for|while|def|class|try|except|with)\b[^;{}]*:\s*$"],
        [r"\bprint\s*\(", r"^\s*(import\s+\w+|from\s+\w+\s+import\s.*)\s*$",
         r"\b(elif|None|True|False)\b", r"\bself\s*\.", r"\brange\s*\("]),
    "java": (
        [r"public\s+static\s+void\s+main", r"System\s*\.\s*out\s*\.", r"^\s*import\s+java\."],
        [r"\bString\s*\[\s*\]",
         r"\b(public|private|protected)?\s*static\s+[\w<>\[\], ]+\s+\w+\s*\(",
         r"\bnew\s+\w+\s*(<[^>]*>)?\s*\[", r"\bboolean\b", r"\b(ArrayList|HashMap|HashSet)\s*<",
         r"^\s*(public\s+)?class\s+\w+"]),
    "javascript": (
        [r"console\s*\.\s*log", r"document\s*\.\s*write", r"\bfunction\s+\w+\s*\("],
        [r"\b(let|const)\s+\w+\s*=", r"=>", r"===|!==", r"\bparseInt\s*\(", r"\bvar\s+\w+\s*=",
         r"\bMath\.floor\b", r"\bnew\s+Array\s*\("]),
    "cpp": (
        [r"^\s*#\s*include\b", r"\bcout\b|\bcin\b", r"using\s+namespace\s+std", r"\bstd\s*::"],
        [r"\bint\s+main\s*\(", r"\bprintf\s*\(", r"\bvector\s*<", r"^\s*#\s*define\b",
         r"\bbool\b", r"\bauto\b"]),
}
_STRONG_WEIGHT, _STRONG_CAP = 0.25, 2
_WEAK_WEIGHT, _WEAK_CAP = 0.05, 4
# Nodes that show real code when error-free; a sentence or a list of numbers has none. Bare
# declarations (`Driver code;` is a valid Java/C++ declaration) count only with an initializer.
_CODE_NODES = {
    "python": {"function_definition", "class_definition", "call", "assignment",
               "augmented_assignment", "if_statement", "for_statement", "while_statement",
               "return_statement", "import_statement", "import_from_statement"},
    "java": {"method_declaration", "class_declaration", "method_invocation",
             "assignment_expression", "if_statement", "for_statement", "enhanced_for_statement",
             "while_statement", "return_statement", "import_declaration",
             "object_creation_expression"},
    "javascript": {"function_declaration", "call_expression", "assignment_expression",
                   "if_statement", "for_statement", "for_in_statement", "while_statement",
                   "return_statement", "class_declaration", "arrow_function"},
    "cpp": {"function_definition", "call_expression", "assignment_expression", "if_statement",
            "for_statement", "for_range_loop", "while_statement", "return_statement",
            "preproc_include", "using_declaration"},
}
_DECLARATIONS = {"java": {"local_variable_declaration", "field_declaration"},
                 "javascript": {"lexical_declaration", "variable_declaration"},
                 "cpp": {"declaration"}, "python": set()}
# A text is code when this share of it (in bytes) is error-free code nodes, or a smaller share
# with at least _MIN_MARKERS strong markers (code followed by a long junk tail).
_MIN_CODE_SHARE = 0.3
_MIN_CODE_SHARE_WITH_MARKERS = 0.08
_MIN_MARKERS = 2


@cache
def _marker_patterns() -> dict[str, tuple[list[re.Pattern], list[re.Pattern]]]:
    return {k: tuple([re.compile(p, re.M) for p in group] for group in groups)
            for k, groups in _MARKERS.items()}


@dataclass(frozen=True)
class LanguageScore:
    """How well a text reads as one language: parse errors, markers, share of clean code."""

    language: str
    error_share: float  # share of leaf tokens that are MISSING or loose in an ERROR node
    code_share: float  # share of the text's bytes inside error-free code nodes (_CODE_NODES)
    strong_markers: int  # distinct strong markers of this language found (see _MARKERS)
    weak_markers: int

    @property
    def markers(self) -> int:
        """Return the number of distinct markers found, strong and weak."""
        return self.strong_markers + self.weak_markers

    @property
    def score(self) -> float:
        """Return the ranking score: fewer parse errors, more clean code and markers is better."""
        return ((1.0 - self.error_share) + self.code_share
                + _STRONG_WEIGHT * min(self.strong_markers, _STRONG_CAP)
                + _WEAK_WEIGHT * min(self.weak_markers, _WEAK_CAP))

    @property
    def is_code(self) -> bool:
        """Return True when enough of the text is well-formed code of this language."""
        return self.code_share >= _MIN_CODE_SHARE or (
            self.code_share >= _MIN_CODE_SHARE_WITH_MARKERS and self.markers >= _MIN_MARKERS)


def _is_code_node(node, language: str) -> bool:
    if node.type in _CODE_NODES[language]:
        return True
    if node.type in _DECLARATIONS[language]:  # only with an initializer: `int a = 1;`
        return any(c.type == "init_declarator" or c.child_by_field_name("value") is not None
                   for c in node.named_children)
    return False


def _score_language(text: str, language: str) -> LanguageScore:
    """Parse a text with one grammar and measure errors, markers and clean code."""
    data = text.encode("utf-8")
    root = _parser(language).parse(data).root_node
    leaves = bad = code_bytes = 0
    stack = [(root, False)]
    # A token counts as an error when it is MISSING or sits loose in an ERROR node; well-formed
    # subtrees inside an ERROR (tree-sitter's recovery around one bad line) count as code.
    while stack:
        node, loose = stack.pop()
        if node.is_missing or node.type == "ERROR" and node.child_count == 0:
            leaves, bad = leaves + 1, bad + 1
        elif node.child_count == 0:
            leaves, bad = leaves + 1, bad + loose
        else:
            if not node.has_error and _is_code_node(node, language):
                # outermost clean code node: its bytes count once, its tokens are all fine
                code_bytes += node.end_byte - node.start_byte
                leaves += _leaf_count(node)
                continue
            stack.extend((child, node.type == "ERROR") for child in node.children)
    strong, weak = (sum(bool(p.search(text)) for p in group)
                    for group in _marker_patterns()[language])
    size = len(data.strip()) or 1
    return LanguageScore(language, bad / max(leaves, 1), min(code_bytes / size, 1.0), strong, weak)


def _leaf_count(node) -> int:
    count, stack = 0, [node]
    while stack:
        current = stack.pop()
        if current.child_count == 0:
            count += 1
        else:
            stack.extend(current.children)
    return count


_XLCOST_LAYOUT = re.compile(r"\b(NEW_LINE|INDENT|DEDENT|STRNEWLINE)\b")
_LITERAL_NEWLINE = re.compile(r"(?<=\s)\\n(?=\s)")


def _detokenized(text: str, language: str) -> str | None:
    """Return xlcost-form text as source (fine-tuned models write that form), or None."""
    from helpers.data import detokenize

    try:
        return detokenize(text, language)
    except Exception:  # a fragment the detokenizer cannot handle is simply not this form
        return None


def language_scores(text: str) -> list[LanguageScore]:
    """Return the four LanguageScores of a text, best first (xlcost-form text also detokenised)."""
    if not isinstance(text, str):
        raise ValueError(f"text must be str, got {type(text).__name__}.")
    xlcost_form = bool(_XLCOST_LAYOUT.search(text))
    # Models prompted with the paper's literal "\\n" often write it, between spaces, for a newline.
    variants = [text, _LITERAL_NEWLINE.sub("\n", text)] if _LITERAL_NEWLINE.search(text) \
        else [text]
    scores = []
    for key in LANGUAGE_IDS:
        candidates = [_score_language(v, key) for v in variants]
        source = _detokenized(text, key) if xlcost_form else None
        if source:
            candidates.append(_score_language(source, key))
        scores.append(max(candidates, key=lambda s: s.score))
    return sorted(scores, key=lambda s: -s.score)  # stable: ties keep LANGUAGE_IDS order


def identify_language(text: str) -> str:
    """Return the language a text is written in (python, java, javascript, cpp) or 'not_code'."""
    if not isinstance(text, str):
        raise ValueError(f"text must be str, got {type(text).__name__}.")
    if not text.strip():
        return NOT_CODE
    best = language_scores(text)[0]
    return best.language if best.is_code else NOT_CODE


# A requested language is accepted when its score is within this margin of the best one: short
# code valid in two languages (a C++ function that is also Java) stays in the requested one.
_REQUESTED_MARGIN = 0.15


def classify_language(text: str, requested_language: str) -> str:
    """Return the requested language if the text reads as it (ties allowed), else the best one."""
    key = _language_key(requested_language)
    if not isinstance(text, str):
        raise ValueError(f"text must be str, got {type(text).__name__}.")
    if not text.strip():
        return NOT_CODE
    scores = language_scores(text)
    requested = next(s for s in scores if s.language == key)
    if requested.is_code and requested.score >= scores[0].score - _REQUESTED_MARGIN:
        return key
    return scores[0].language if scores[0].is_code else NOT_CODE


def language_report(predictions: list[str], requested_language: str) -> dict:
    """Return the shares of predictions in the requested language, in another one, not code."""
    key = _language_key(requested_language)
    predictions = _check_texts(predictions, "predictions")
    found = [classify_language(extract_code(p, key), key) for p in predictions]
    n = len(found)
    counts = {k: found.count(k) for k in (*LANGUAGE_IDS, NOT_CODE)}
    other = n - counts[key] - counts[NOT_CODE]
    return {
        "language": key,
        "n": n,
        "requested_share": counts[key] / n if n else math.nan,
        "other_language_share": other / n if n else math.nan,
        "not_code_share": counts[NOT_CODE] / n if n else math.nan,
        "counts": counts,
    }


# --------------------------------------------------------------------------------------------
# Markdown fences
# --------------------------------------------------------------------------------------------

_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*(?P<tag>[^\s`]*)[^\n]*\n"
                    r"(?P<body>.*?)(?:^[ \t]*(?P=fence)[ \t]*$|\Z)", re.S | re.M)
_FENCE_TAGS = {
    "python": {"python", "py", "python3", "py3"},
    "java": {"java"},
    "javascript": {"javascript", "js", "node", "nodejs", "jsx"},
    "cpp": {"cpp", "c++", "cc", "cxx", "hpp"},
}


def extract_code(text: str, language: str) -> str:
    """Return the code of a markdown-fenced block (one tagged with the language first), else text.

    The first fenced block whose tag names the language wins, then the first fenced block of
    any tag; an unclosed fence (output cut off) runs to the end. Text without fences is
    returned unchanged.
    """
    key = _language_key(language)
    if not isinstance(text, str):
        raise ValueError(f"text must be str, got {type(text).__name__}.")
    blocks = [(m.group("tag").lower(), m.group("body")) for m in _FENCE.finditer(text)]
    if not blocks:
        return text
    tagged = [body for tag, body in blocks if tag in _FENCE_TAGS[key]]
    return (tagged or [blocks[0][1]])[0]


# --------------------------------------------------------------------------------------------
# Execution checks
# --------------------------------------------------------------------------------------------

PREDICTION_FORMATS = ("source", "xlcost")


@dataclass
class ExecutionReport:
    """Execution checks of one language: rates over samples, and one row per sample."""

    language: str
    n: int
    n_runs: int  # generated program ran cleanly as is
    runs_rate: float
    n_checkable: int  # reference ran cleanly, deterministically and printed something
    n_not_checkable: int
    n_driver_match: int  # composed program printed what the reference printed
    driver_match_rate: float  # over checkable samples; nan when none is checkable
    # one dict per sample, in input order (see _ROW_COLUMNS)
    samples: list[dict] = field(default_factory=list, repr=False)

    def summary(self) -> dict:
        """Return everything but the per-sample rows, as a JSON-ready dict."""
        summary = asdict(self)
        del summary["samples"]
        return summary

    def to_frame(self):
        """Return the per-sample rows as a pandas DataFrame (one row per sample, in input order)."""
        import pandas as pd

        return pd.DataFrame(self.samples, columns=_ROW_COLUMNS)


_ROW_COLUMNS = ["sample", "detected_language", "run_status", "runs", "reference_status",
                "checkable", "driver_mode", "missing_names", "driver_status", "driver_match",
                "reason"]


def _check_texts(texts, name: str) -> list[str]:
    if isinstance(texts, str):
        raise ValueError(f"{name} must be a list of strings, got one str.")
    texts = list(texts)
    bad = next((i for i, t in enumerate(texts) if not isinstance(t, str)), None)
    if bad is not None:
        raise ValueError(f"{name}[{bad}] is {type(texts[bad]).__name__}; expected str.")
    return texts


def normalise_output(stdout: str) -> str:
    """Return program output without trailing spaces on lines or trailing blank lines."""
    lines = stdout.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip("\n")


def _error_line(stderr: str, limit: int = 160) -> str:
    """Return the most telling line of an error output: the first naming an error, else the last."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    named = [line for line in lines if "error" in line.lower()]
    return (named or lines or [""])[0 if named else -1][:limit]


def execution_checks(
    predictions: list[str],
    references: list[str],
    language: str,
    reference_format: str = "xlcost",
    timeout_s: float = 10.0,
    workers: int | None = None,
    prediction_format: str = "source",
) -> ExecutionReport:
    """Run each prediction as is (`runs`) and under its reference's driver (`driver_match`).

    Predictions are used as generated after `extract_code` (prediction_format="xlcost"
    detokenises them first); references are detokenised when reference_format is "xlcost".
    A prediction that is empty, not code or in another language (`classify_language`) fails
    both checks without being run. driver_match runs `compose_driver_program`; when the
    reference defines no function or class (a script), the prediction's own output is compared
    instead (row field driver_mode "whole_program"); missing_names lists the functions the
    reference's driver calls that the prediction does not define. A sample whose reference
    does not run cleanly, prints nothing or prints different things on two runs is not
    checkable: its driver_match is None and it is left out of the rate. Outputs are compared
    after `normalise_output` (trailing whitespace only).
    """
    from helpers.data import detokenize
    from helpers.execution import run_many, run_many_repeated

    key = _language_key(language)
    predictions = _check_texts(predictions, "predictions")
    references = _check_texts(references, "references")
    if reference_format not in REFERENCE_FORMATS:
        raise ValueError(f"Unknown reference_format {reference_format!r}; valid: "
                         f"{', '.join(REFERENCE_FORMATS)}.")
    if prediction_format not in PREDICTION_FORMATS:
        raise ValueError(f"Unknown prediction_format {prediction_format!r}; valid: "
                         f"{', '.join(PREDICTION_FORMATS)}.")
    if len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions but {len(references)} references; "
                         "prediction i is checked against reference i, so the counts must match.")
    if timeout_s <= 0:
        raise ValueError(f"timeout_s must be positive, got {timeout_s}.")

    if reference_format == "xlcost":
        references = [detokenize(r, key) for r in references]
    codes = [extract_code(p, key) for p in predictions]
    if prediction_format == "xlcost":
        codes = [detokenize(c, key) if c.strip() else c for c in codes]

    rows, pred_jobs, composed_jobs = [], [], []
    for i, (code, reference) in enumerate(zip(codes, references, strict=True)):
        detected = classify_language(code, key)
        # A reference that defines nothing is a script: its "driver" is the whole program, so
        # the prediction's own output is compared instead of a composed program's.
        reference_parts = split_program(reference, key)
        mode = "composed" if reference_parts.defines_code else "whole_program"
        row = {"sample": i, "detected_language": detected, "run_status": "not_run",
               "runs": False, "reference_status": "", "checkable": False, "driver_mode": mode,
               "missing_names": "", "driver_status": "not_run", "driver_match": False,
               "reason": ""}
        if detected != key:
            row["reason"] = ("empty prediction" if not code.strip() else "not code"
                             if detected == NOT_CODE else f"written in {detected}")
        else:
            pred_jobs.append((i, code))
            composed = code
            if mode == "composed":
                prediction_parts = split_program(code, key)
                composed = _compose_parts(prediction_parts, reference_parts)
                row["missing_names"] = ", ".join(missing_names(prediction_parts, reference_parts))
            if composed is None:
                row["reason"] = "nothing to compose (no complete definition)"
            else:
                composed_jobs.append((i, composed))
        rows.append(row)

    # References twice each (a differing second run marks printed randomness or hash order);
    # then every distinct program of the predictions once. Both use all workers.
    unique_refs = list(dict.fromkeys(references))
    ref_runs = dict(zip(unique_refs, run_many_repeated(
        [(r, key) for r in unique_refs], 2, timeout_s, workers=workers), strict=True))
    # A program identical to a reference (a prediction copying it) reuses the reference's run.
    unique_programs = [p for p in dict.fromkeys(c for _, c in pred_jobs + composed_jobs)
                       if p not in ref_runs]
    program_runs = {ref: runs[0] for ref, runs in ref_runs.items()}
    program_runs.update(zip(unique_programs, run_many(
        [(p, key) for p in unique_programs], timeout_s, workers=workers), strict=True))

    for i, code in pred_jobs:
        result = program_runs[code]
        rows[i]["run_status"], rows[i]["runs"] = result.status, result.ok
    composed_by_sample = dict(composed_jobs)
    for i, row in enumerate(rows):
        first, second = ref_runs[references[i]]
        row["reference_status"] = first.status
        expected = normalise_output(first.stdout)
        if not first.ok or not second.ok:
            status = first.status if not first.ok else second.status
            why = f"reference did not run cleanly ({status})"
        elif expected != normalise_output(second.stdout):
            why = "reference output differs between two runs"
        elif not expected:
            why = "reference prints nothing"
        else:
            why = ""
        row["checkable"] = not why
        if why:
            row["driver_match"] = None
            row["reason"] = "; ".join(r for r in (row["reason"], why) if r)
            if i in composed_by_sample:
                row["driver_status"] = program_runs[composed_by_sample[i]].status
            continue
        if i not in composed_by_sample:
            continue
        result = program_runs[composed_by_sample[i]]
        row["driver_status"] = result.status
        row["driver_match"] = result.ok and normalise_output(result.stdout) == expected
        program = "composed program" if row["driver_mode"] == "composed" else "prediction"
        if not result.ok:
            detail = _error_line(result.stderr)
            row["reason"] = f"{program}: {result.status}" + (f": {detail}" if detail else "")
        elif not row["driver_match"]:
            row["reason"] = f"{program}: output differs from the reference's"
    return _execution_report(key, rows)


def _execution_report(language: str, rows: list[dict]) -> ExecutionReport:
    """Aggregate per-sample rows into an ExecutionReport."""
    n = len(rows)
    checkable = [r for r in rows if r["checkable"]]
    n_runs = sum(r["runs"] for r in rows)
    n_match = sum(bool(r["driver_match"]) for r in checkable)
    return ExecutionReport(
        language=language,
        n=n,
        n_runs=n_runs,
        runs_rate=n_runs / n if n else math.nan,
        n_checkable=len(checkable),
        n_not_checkable=n - len(checkable),
        n_driver_match=n_match,
        driver_match_rate=n_match / len(checkable) if checkable else math.nan,
        samples=rows,
    )
