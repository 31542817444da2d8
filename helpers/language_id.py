"""Which language is a text written in? Each of the four grammars parses it; the best reading wins.

A text's `LanguageScore` in one language combines the share of its tokens that parse without
error, the share of its bytes inside clean code nodes, and markers only that language has
(`System.out.`, `#include`, `console.log`...). `identify_language` picks the best reading, or
NOT_CODE for prose and lists of numbers; `classify_language` keeps the requested language on
a near tie (short code can be valid Java and C++ alike).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from helpers import answers
from helpers.config import get_language
from helpers.syntax import parser

__all__ = [
    "LANGUAGE_IDS",
    "NOT_CODE",
    "LanguageScore",
    "classify_language",
    "identify_language",
    "language_report",
    "language_scores",
]

LANGUAGE_IDS = ("python", "java", "javascript", "cpp")
NOT_CODE = "not_code"


# Markers of each language. A strong one (first list: found in no other of the four languages)
# adds _STRONG_WEIGHT to the language's score, a weak one (second list) _WEAK_WEIGHT; counts are
# capped so that a long program does not swamp its parse.
_MARKERS = {
    "python": (
        [
            r"^\s*def\s+\w+\s*\(.*\)\s*(->[^:\n]+)?:\s*(#.*)?$",
            r"__name__",
            r"^\s*(if|elif|else|for|while|def|class|try|except|with)\b[^;{}]*:\s*$",
        ],
        [
            r"\bprint\s*\(",
            r"^\s*(import\s+\w+|from\s+\w+\s+import\s.*)\s*$",
            r"\b(elif|None|True|False)\b",
            r"\bself\s*\.",
            r"\brange\s*\(",
        ],
    ),
    "java": (
        [r"public\s+static\s+void\s+main", r"System\s*\.\s*out\s*\.", r"^\s*import\s+java\."],
        [
            r"\bString\s*\[\s*\]",
            r"\b(public|private|protected)?\s*static\s+[\w<>\[\], ]+\s+\w+\s*\(",
            r"\bnew\s+\w+\s*(<[^>]*>)?\s*\[",
            r"\bboolean\b",
            r"\b(ArrayList|HashMap|HashSet)\s*<",
            r"^\s*(public\s+)?class\s+\w+",
        ],
    ),
    "javascript": (
        [r"console\s*\.\s*log", r"document\s*\.\s*write", r"\bfunction\s+\w+\s*\("],
        [
            r"\b(let|const)\s+\w+\s*=",
            r"=>",
            r"===|!==",
            r"\bparseInt\s*\(",
            r"\bvar\s+\w+\s*=",
            r"\bMath\.floor\b",
            r"\bnew\s+Array\s*\(",
        ],
    ),
    "cpp": (
        [r"^\s*#\s*include\b", r"\bcout\b|\bcin\b", r"using\s+namespace\s+std", r"\bstd\s*::"],
        [
            r"\bint\s+main\s*\(",
            r"\bprintf\s*\(",
            r"\bvector\s*<",
            r"^\s*#\s*define\b",
            r"\bbool\b",
            r"\bauto\b",
        ],
    ),
}
_STRONG_WEIGHT, _STRONG_CAP = 0.25, 2
_WEAK_WEIGHT, _WEAK_CAP = 0.05, 4
# Nodes that show real code when error-free; a sentence or a list of numbers has none. Bare
# declarations (`Driver code;` is a valid Java/C++ declaration) count only with an initializer.
_CODE_NODES = {
    "python": {
        "function_definition",
        "class_definition",
        "call",
        "assignment",
        "augmented_assignment",
        "if_statement",
        "for_statement",
        "while_statement",
        "return_statement",
        "import_statement",
        "import_from_statement",
    },
    "java": {
        "method_declaration",
        "class_declaration",
        "method_invocation",
        "assignment_expression",
        "if_statement",
        "for_statement",
        "enhanced_for_statement",
        "while_statement",
        "return_statement",
        "import_declaration",
        "object_creation_expression",
    },
    "javascript": {
        "function_declaration",
        "call_expression",
        "assignment_expression",
        "if_statement",
        "for_statement",
        "for_in_statement",
        "while_statement",
        "return_statement",
        "class_declaration",
        "arrow_function",
    },
    "cpp": {
        "function_definition",
        "call_expression",
        "assignment_expression",
        "if_statement",
        "for_statement",
        "for_range_loop",
        "while_statement",
        "return_statement",
        "preproc_include",
        "using_declaration",
    },
}
_DECLARATIONS = {
    "java": {"local_variable_declaration", "field_declaration"},
    "javascript": {"lexical_declaration", "variable_declaration"},
    "cpp": {"declaration"},
    "python": set(),
}
# A text is code when this share of it (in bytes) is error-free code nodes, or a smaller share
# with at least _MIN_MARKERS strong markers (code followed by a long junk tail).
_MIN_CODE_SHARE = 0.3
_MIN_CODE_SHARE_WITH_MARKERS = 0.08
_MIN_MARKERS = 2


@cache
def _marker_patterns() -> dict[str, tuple[list[re.Pattern], list[re.Pattern]]]:
    return {
        k: tuple([re.compile(p, re.M) for p in group] for group in groups) for k, groups in _MARKERS.items()
    }


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
        return (
            (1.0 - self.error_share)
            + self.code_share
            + _STRONG_WEIGHT * min(self.strong_markers, _STRONG_CAP)
            + _WEAK_WEIGHT * min(self.weak_markers, _WEAK_CAP)
        )

    @property
    def is_code(self) -> bool:
        """Return True when enough of the text is well-formed code of this language."""
        return self.code_share >= _MIN_CODE_SHARE or (
            self.code_share >= _MIN_CODE_SHARE_WITH_MARKERS and self.markers >= _MIN_MARKERS
        )


def _is_code_node(node, language: str) -> bool:
    if node.type in _CODE_NODES[language]:
        return True
    if node.type in _DECLARATIONS[language]:  # only with an initializer: `int a = 1;`
        return any(
            c.type == "init_declarator" or c.child_by_field_name("value") is not None
            for c in node.named_children
        )
    return False


def _score_language(text: str, language: str) -> LanguageScore:
    """Parse a text with one grammar and measure errors, markers and clean code."""
    data = text.encode("utf-8")
    root = parser(language).parse(data).root_node
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
    strong, weak = (sum(bool(p.search(text)) for p in group) for group in _marker_patterns()[language])
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
    from helpers.xlcost_codec import detokenize

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
    variants = [text, _LITERAL_NEWLINE.sub("\n", text)] if _LITERAL_NEWLINE.search(text) else [text]
    scores = []
    for language in LANGUAGE_IDS:
        candidates = [_score_language(v, language) for v in variants]
        program = _detokenized(text, language) if xlcost_form else None
        if program:
            candidates.append(_score_language(program, language))
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
    requested_language = get_language(requested_language).name
    if not isinstance(text, str):
        raise ValueError(f"text must be str, got {type(text).__name__}.")
    if not text.strip():
        return NOT_CODE
    scores = language_scores(text)
    requested = next(s for s in scores if s.language == requested_language)
    if requested.is_code and requested.score >= scores[0].score - _REQUESTED_MARGIN:
        return requested_language
    return scores[0].language if scores[0].is_code else NOT_CODE


def language_report(predictions: list[str], requested_language: str) -> dict:
    """Return the shares of predictions in the requested language, in another one, not code.

    Each prediction is first cut to its program by answers.answer_to_program, as generation,
    CodeBLEU and the execution checks cut it.
    """
    language = get_language(requested_language).name
    programs = answers.answers_to_programs(predictions, language, "predictions")
    found = [classify_language(program, language) for program in programs]
    n = len(found)
    counts = {k: found.count(k) for k in (*LANGUAGE_IDS, NOT_CODE)}
    other = n - counts[language] - counts[NOT_CODE]
    return {
        "language": language,
        "n": n,
        "requested_share": counts[language] / n if n else math.nan,
        "other_language_share": other / n if n else math.nan,
        "not_code_share": counts[NOT_CODE] / n if n else math.nan,
        "counts": counts,
    }
