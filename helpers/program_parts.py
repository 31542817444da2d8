"""Programs cut into parts with tree-sitter: what they define, and the driver code that runs it.

`split_program` reads a program of one of the four languages and returns its `ProgramParts`:
imports, functions, classes and globals (each a `Part`, with the names it binds and uses, and
whether it is complete), and the driver code (Python/JavaScript top-level statements, Java's
main, C++'s `int main`). helpers.driver_program puts one program's parts under another's driver.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from helpers.config import get_language
from helpers.syntax import node_text, parse

__all__ = ["PART_KINDS", "Part", "ProgramParts", "split_program"]

# Part kinds: import (import/#include/using), function (also methods, prototypes and functions
# bound to a name), class (any type), variable (globals, fields, macros, typedefs), statement.
PART_KINDS = ("import", "function", "class", "variable", "statement")


def _identifiers(node, types=("identifier", "type_identifier", "field_identifier")) -> set[str]:
    """Return every identifier spelled anywhere inside a node."""
    found, stack = set(), [node]
    while stack:
        current = stack.pop()
        if current.type in types:
            found.add(node_text(current))
        stack.extend(current.children)
    return found


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


def _part(
    kind: str, node, names=(), member: bool = False, text: str | None = None, lenient: bool = False
) -> Part:
    """Return a Part for a tree-sitter node."""
    usable = _is_usable(node, lenient) and not _ends_in_empty_block(node)
    return Part(
        kind,
        node_text(node) if text is None else text,
        tuple(names),
        frozenset(_identifiers(node)),
        member,
        usable,
        node.start_byte,
    )


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


def split_program(program: str, language: str) -> ProgramParts:
    """Cut a program into definitions and driver with tree-sitter (see ProgramParts)."""
    language = get_language(language).name
    if not isinstance(program, str):
        raise ValueError(f"program must be str, got {type(program).__name__}.")
    splitter = {
        "python": _split_python,
        "javascript": _split_javascript,
        "java": _split_java,
        "cpp": _split_cpp,
    }[language]
    return splitter(parse(program, language).root_node)


# Where a function binds names of its own (parameters, locals): node type -> field holding the
# bound name(s), None for "every identifier inside" (parameter lists; defaults handled apart).
_LOCAL_BINDINGS = {
    "python": {
        "parameters": None,
        "lambda_parameters": None,
        "assignment": "left",
        "augmented_assignment": "left",
        "for_statement": "left",
        "for_in_clause": "left",
        "as_pattern_target": None,
        "named_expression": "name",
        "function_definition": "name",
        "class_definition": "name",
    },
    "javascript": {
        "formal_parameters": None,
        "variable_declarator": "name",
        "function_declaration": "name",
        "class_declaration": "name",
        "for_in_statement": "left",
        "catch_clause": "parameter",
        "arrow_function": "parameter",
    },
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
            targets = [
                c.child_by_field_name("name") or c.child_by_field_name("left") or c
                if c.type in _DEFAULTS
                else c
                for c in current.named_children
            ]
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
                if left is not None and left.type in (
                    "identifier",
                    "pattern_list",
                    "tuple_pattern",
                    "list_pattern",
                ):
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
            inner = node.child_by_field_name("definition") if node.type == "decorated_definition" else node
            name = inner.child_by_field_name("name") if inner is not None else None
            kind = "class" if inner is not None and inner.type == "class_definition" else "function"
            names = (node_text(name),) if name is not None else _py_bound(node)
            definitions.append(replace(_part(kind, node, names), uses=_free_names(node, "python")))
        else:
            driver.append(_part("statement", node, _py_bound(node)))
    return ProgramParts(
        "python",
        tuple(definitions),
        "\n".join(p.text for p in driver),
        tuple(driver),
        has_errors=root.has_error,
    )


# --- JavaScript ---

_JS_DECLARATIONS = ("lexical_declaration", "variable_declaration")
_JS_FUNCTION_VALUES = ("arrow_function", "function_expression", "function", "class", "generator_function")


def _js_declared(node) -> tuple[str, ...]:
    """Return the names a top-level JavaScript statement declares or assigns."""
    if node.type in _JS_DECLARATIONS:
        names = []
        for declarator in node.named_children:
            if declarator.type == "variable_declarator":
                name = declarator.child_by_field_name("name")
                if name is not None:
                    names += sorted(
                        _identifiers(name, ("identifier", "shorthand_property_identifier_pattern"))
                    )
        return tuple(names)
    if node.type in ("function_declaration", "generator_function_declaration", "class_declaration"):
        name = node.child_by_field_name("name")
        return (node_text(name),) if name is not None else ()
    if node.type == "expression_statement" and node.named_children:
        inner = node.named_children[0]
        if inner.type == "assignment_expression":
            left = inner.child_by_field_name("left")
            if left is not None and left.type == "identifier":
                return (node_text(left),)
    return ()


def _js_is_function_value(node) -> bool:
    """True for `const f = (a) => ...` / `var f = function (...) {...}` declarations."""
    if node.type not in _JS_DECLARATIONS:
        return False
    values = [d.child_by_field_name("value") for d in node.named_children if d.type == "variable_declarator"]
    return bool(values) and all(v is not None and v.type in _JS_FUNCTION_VALUES for v in values)


def _split_javascript(root) -> ProgramParts:
    definitions, driver = [], []
    for node in root.named_children:
        if node.type in ("comment", "hash_bang_line", "empty_statement"):
            continue
        names = _js_declared(node)
        if node.type == "import_statement":
            definitions.append(_part("import", node))
        elif node.type in ("function_declaration", "generator_function_declaration") or _js_is_function_value(
            node
        ):
            definitions.append(replace(_part("function", node, names), uses=_free_names(node, "javascript")))
        elif node.type == "class_declaration":
            definitions.append(replace(_part("class", node, names), uses=_free_names(node, "javascript")))
        else:
            driver.append(_part("statement", node, names))
    return ProgramParts(
        "javascript",
        tuple(definitions),
        "\n".join(p.text for p in driver),
        tuple(driver),
        has_errors=root.has_error,
    )


# --- Java ---

_JAVA_TYPES = (
    "class_declaration",
    "interface_declaration",
    "enum_declaration",
    "record_declaration",
    "annotation_type_declaration",
)


def _java_is_main(node) -> bool:
    """True for a `static void main(...)` method declaration."""
    if node.type != "method_declaration":
        return False
    name = node.child_by_field_name("name")
    modifiers = next((c for c in node.children if c.type == "modifiers"), None)
    return (
        name is not None
        and node_text(name) == "main"
        and modifiers is not None
        and "static" in node_text(modifiers).split()
    )


def _java_member(node) -> Part | None:
    """Return a class-body declaration (or a top-level one that belongs in a class) as a Part."""
    if node.type in ("method_declaration", "constructor_declaration"):
        name = node.child_by_field_name("name")
        return _lenient_part("function", node, (node_text(name),) if name else (), member=True)
    if node.type in ("field_declaration", "local_variable_declaration", "constant_declaration"):
        names = [
            node_text(d.child_by_field_name("name"))
            for d in node.named_children
            if d.type == "variable_declarator" and d.child_by_field_name("name")
        ]
        return _lenient_part("variable", node, names, member=True)
    if node.type in _JAVA_TYPES:
        name = node.child_by_field_name("name")
        return _lenient_part("class", node, (node_text(name),) if name else (), member=True)
    if node.type in ("static_initializer", "block"):
        return _lenient_part("statement", node, member=True)
    return None


def _java_modifiers(node) -> list[str]:
    modifiers = next((c for c in node.children if c.type == "modifiers"), None)
    return node_text(modifiers).split() if modifiers is not None else []


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
    header = node.text[: end - node.start_byte].decode("utf-8", errors="replace").strip()
    return _JavaType(
        node_text(name) if name is not None else None,
        header,
        _java_modifiers(node),
        list(body.named_children) if body is not None else [],
        node,
    )


def _java_recover(error, types: list, loose: list, imports: list) -> None:
    """Find the types, members and imports inside a top-level ERROR node.

    A class cut off before its closing brace is not a class_declaration to tree-sitter: its
    `class Name {` tokens and complete member declarations sit loose in an ERROR node.
    """
    children, current, start = error.children, None, None
    for i, child in enumerate(children):
        if child.type == "modifiers":
            start = child
        elif (
            child.type in ("class", "interface", "enum")
            and i + 1 < len(children)
            and children[i + 1].type == "identifier"
        ):
            brace = next((c for c in children[i + 1 :] if c.type == "{"), None)
            first = start if start is not None else child
            end = brace.start_byte if brace is not None else children[i + 1].end_byte
            header = error.text[first.start_byte - error.start_byte : end - error.start_byte]
            current = _JavaType(
                node_text(children[i + 1]),
                header.decode("utf-8", "replace").strip(),
                node_text(start).split() if start is not None else [],
                [],
            )
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


_JAVA_MEMBERS = (
    "method_declaration",
    "constructor_declaration",
    "field_declaration",
    "local_variable_declaration",
    "constant_declaration",
    "static_initializer",
)


def _java_main_class(types: list[_JavaType], loose_methods: bool) -> _JavaType | None:
    """Return the type declaring main, else (no bare methods) a public or static-method one."""
    classes = [t for t in types if t.node is None or t.node.type == "class_declaration"]
    for cls in classes:
        if any(_java_is_main(m) for m in cls.members):
            return cls
    if loose_methods:  # a snippet of bare methods: they are the main class, the rest are types
        return None
    with_static = [
        c
        for c in classes
        if any(m.type == "method_declaration" and "static" in _java_modifiers(m) for m in c.members)
    ]
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
                signature = (
                    member.text[: block.start_byte - member.start_byte]
                    .decode("utf-8", errors="replace")
                    .strip()
                )
                driver = (
                    node_text(block)[1:-1].strip()
                    if block.text.endswith(b"}")
                    else node_text(block)[1:].strip()
                )
            continue
        part = _java_member(member)
        if part is not None:
            definitions.append(part)
    for java_type in types:
        if java_type is main_class:
            continue
        if java_type.node is not None:
            definitions.append(
                _lenient_part("class", java_type.node, [java_type.name] if java_type.name else ())
            )
        # a recovered (cut-off) type other than the main class is incomplete: left out
    return ProgramParts(
        "java",
        tuple(definitions),
        driver,
        (),
        signature,
        main_class.name if main_class is not None else None,
        main_class.header if main_class is not None else "",
        root.has_error,
    )


# --- C++ ---

_CPP_IMPORTS = ("preproc_include", "using_declaration")
_CPP_TYPES = ("struct_specifier", "class_specifier", "union_specifier", "enum_specifier")
_CPP_ALIASES = ("type_definition", "alias_declaration", "preproc_def", "preproc_function_def")


def _cpp_declarator_name(node) -> str | None:
    """Follow a C++ declarator down to the name it declares."""
    while node is not None:
        if node.type in (
            "identifier",
            "field_identifier",
            "type_identifier",
            "qualified_identifier",
            "destructor_name",
            "operator_name",
        ):
            return node_text(node)
        node = node.child_by_field_name("declarator")
    return None


def _cpp_function_name(node) -> str | None:
    """Return the name of a C++ function definition (also inside a template)."""
    if node.type == "template_declaration":
        inner = next(
            (c for c in node.named_children if c.type in ("function_definition", "declaration")), None
        )
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
        return _lenient_part("class", node, (node_text(name),) if name else (), text=text)
    if node.type in _CPP_ALIASES:
        if node.type.startswith("preproc"):
            name = node.child_by_field_name("name")
            names = (node_text(name),) if name is not None else ()
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
        kind = (
            "class"
            if not declarators and type_node is not None and type_node.type in _CPP_TYPES
            else "variable"
        )
        names = tuple(n for n in map(_cpp_declarator_name, declarators) if n)
        if kind == "class":
            name = type_node.child_by_field_name("name")
            names = (node_text(name),) if name is not None else ()
        return _lenient_part(kind, node, names, text=text)
    return _lenient_part("statement", node, text=text)


def _split_cpp(root) -> ProgramParts:
    definitions, driver = [], ""
    children = root.children
    for i, node in enumerate(children):
        if node.type in ("comment", ";") or not node.is_named:
            continue
        text = node_text(node)
        # `struct Node {...};` parses as a specifier followed by a lone `;`
        if i + 1 < len(children) and children[i + 1].type == ";":
            text += ";"
        if node.type == "function_definition" and _cpp_function_name(node) == "main":
            driver = text
            continue
        definitions.append(_cpp_lenient_part(node, text))
    return ProgramParts("cpp", tuple(definitions), driver, has_errors=root.has_error)
