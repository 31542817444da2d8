"""Tree-sitter parsers of the four languages, built once per process and shared by every module.

Splitting programs (helpers.program_parts) and recognising languages (helpers.language_id) parse
the same texts with the same grammars; one cache means each grammar is loaded once.
"""

from __future__ import annotations

from functools import cache

# Our language names -> the Python package of each tree-sitter grammar.
GRAMMARS = {
    "python": "tree_sitter_python",
    "java": "tree_sitter_java",
    "javascript": "tree_sitter_javascript",
    "cpp": "tree_sitter_cpp",
}


@cache
def parser(language: str):
    """Return a tree-sitter parser for one of GRAMMARS' languages, built once per process."""
    import importlib

    from tree_sitter import Language, Parser

    grammar = importlib.import_module(GRAMMARS[language])
    return Parser(Language(grammar.language()))


def parse(program: str, language: str):
    """Return the tree-sitter tree of a program's text."""
    return parser(language).parse(program.encode("utf-8"))


def node_text(node) -> str:
    """Return the source text of a tree-sitter node."""
    return node.text.decode("utf-8", errors="replace")
