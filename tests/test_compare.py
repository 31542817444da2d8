"""helpers.compare: metrics.json tables from (system, language)-indexed frames."""

from __future__ import annotations

import pandas as pd

from helpers import compare


def test_metrics_by_column_nests_system_then_language():
    index = pd.MultiIndex.from_tuples(
        [("base", "python"), ("base", "java"), ("ties", "python")], names=["system", "language"]
    )
    scores = pd.DataFrame({"codebleu_corrected": [0.1, 0.2, 0.3], "other": [1, 2, 3]}, index=index)
    execution = pd.DataFrame({"runs_rate": [0.5, 1.0, 0.0]}, index=index)
    assert compare.metrics_by_column(scores, execution) == {
        "codebleu_corrected": {"base": {"python": 0.1, "java": 0.2}, "ties": {"python": 0.3}},
        "runs_rate": {"base": {"python": 0.5, "java": 1.0}, "ties": {"python": 0.0}},
    }
