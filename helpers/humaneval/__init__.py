"""HumanEval-X (Zheng et al., 2023): functional correctness of completions in the four languages.

`load_humaneval_x` loads the problems (Hub or a local folder); `completion_prompt` and
`instruct_prompt` are what a completion or an instruct model is given; `answer_to_completion`
turns a model's answer into a completion; `compose_program` builds the program as the data set's
own evaluator does, `checked_program` adds a harness that a completion cannot fool (a nonce after
the tests); `evaluate_samples` runs them in the sandbox and scores pass@k (`pass_at_k`).
`python -m helpers.humaneval evaluate ...` does the same from the command line.
"""

from helpers.humaneval.dataset import (
    SHARED_DIR,
    completion_prompt,
    instruct_prompt,
    instruction_text,
    load_humaneval_x,
)
from helpers.humaneval.programs import (
    answer_to_completion,
    checked_program,
    compose_program,
    entry_point,
)
from helpers.humaneval.scoring import (
    VERDICTS,
    evaluate_samples,
    new_nonce,
    pass_at_k,
    run_checked,
    summarize,
    verdict,
)

__all__ = [
    "SHARED_DIR",
    "VERDICTS",
    "answer_to_completion",
    "checked_program",
    "completion_prompt",
    "compose_program",
    "entry_point",
    "evaluate_samples",
    "instruct_prompt",
    "instruction_text",
    "load_humaneval_x",
    "new_nonce",
    "pass_at_k",
    "run_checked",
    "summarize",
    "verdict",
]
