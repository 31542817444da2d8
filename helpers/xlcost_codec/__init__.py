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

from helpers.xlcost_codec.decode import detokenize
from helpers.xlcost_codec.encode import SPACE_MARK, code_tokens, tokenize

# How a reference program may be given to the scorers and checks: in the xlcost form, or as source.
REFERENCE_FORMATS = ("xlcost", "source")

__all__ = ["REFERENCE_FORMATS", "SPACE_MARK", "code_tokens", "detokenize", "tokenize"]
