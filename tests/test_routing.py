"""helpers.routing: shares of tokens no router can tell apart, and 05's routing metrics by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import routing


class CharTokenizer:
    """One token per character: known token sets."""

    def __call__(self, text, add_special_tokens=False):
        return {"input_ids": [ord(c) for c in text]}


def test_shared_token_share_known_answer():
    shares = routing.shared_token_share(CharTokenizer(), {"python": ["ab"], "java": ["bc"], "cpp": ["xx"]})
    assert shares == {"python": 0.5, "java": 0.5, "cpp": 0.0}


def hand_table():
    shares = {
        "java": {"java": 0.5, "javascript": 0.4, "python": 0.1},
        "javascript": {"java": 0.2, "javascript": 0.7, "python": 0.1},
        "python": {"java": 0.0, "javascript": 0.0, "python": 1.0},
    }
    rows = [
        {
            "layer": layer,
            "language": language,
            "expert": expert,
            "first_choice_share": share if layer == 0 else 1 / 3,
            "selected_share": share,
            "tokens": 10,
        }
        for layer in (0, 1)
        for language, by_expert in shares.items()
        for expert, share in by_expert.items()
    ]
    return pd.DataFrame(rows)


def test_routing_metrics_best_layer_and_confusion():
    metrics = routing.routing_metrics({("hidden", "program"): hand_table()})
    assert metrics["best_layer_own_share"]["hidden"]["program"] == {
        "java": 0.5,
        "javascript": 0.7,
        "python": 1.0,
    }
    assert metrics["own_expert_share"]["hidden"]["program"][1]["java"] == pytest.approx(1 / 3)
    assert metrics["java_javascript_confusion"]["hidden"]["program"][0] == pytest.approx(0.3)
    assert metrics["other_cross_pairs"]["hidden"]["program"][0] == pytest.approx(0.05)
