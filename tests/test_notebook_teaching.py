"""A `def` in a notebook is a teaching version of a helper: each one agrees with its helper."""

from __future__ import annotations

import json

import pytest
import torch
from notebook_anatomy import NOTEBOOKS_DIR

from helpers import merge


def notebook_function(notebook: str, name: str):
    """The function `name` defined in a code cell of the notebook, executed on its own."""
    cells = json.loads((NOTEBOOKS_DIR / notebook).read_text())["cells"]
    source = next(
        "".join(c["source"])
        for c in cells
        if c["cell_type"] == "code" and f"def {name}(" in "".join(c["source"])
    )
    definition = source.split(f"def {name}(", 1)[1].split("\n\n\n", 1)[0]
    namespace = {"torch": torch}
    exec(f"def {name}(" + definition, namespace)
    return namespace[name]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("density", [0.2, 0.5, 1.0])
def test_ties_by_hand_agrees_with_the_helper(seed, density):
    ties_by_hand = notebook_function("04_merge_ties_slerp.ipynb", "ties_by_hand")
    generator = torch.Generator().manual_seed(seed)
    base = torch.randn(20, generator=generator)
    experts = [base + torch.randn(20, generator=generator) for _ in range(4)]
    expected = merge.ties_merge_tensors(base, experts, density)
    assert torch.allclose(ties_by_hand(base, experts, density), expected, atol=1e-6)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("t", [0.0, 0.3, 0.5, 1.0])
def test_slerp_by_hand_agrees_with_the_helper(seed, t):
    slerp_by_hand = notebook_function("04_merge_ties_slerp.ipynb", "slerp_by_hand")
    generator = torch.Generator().manual_seed(seed)
    a, b = torch.randn(16, generator=generator), torch.randn(16, generator=generator)
    assert torch.allclose(slerp_by_hand(t, a, b), merge.slerp_tensors(t, a, b), atol=1e-5)
