"""helpers.explore: seeded samples of a split, per subset."""

from __future__ import annotations

from helpers import explore


def test_sample_by_subset_bounds_each_subset_and_repeats():
    records = [{"task_id": i, "subset": "hand-written" if i < 3 else "generated"} for i in range(10)]
    picked = explore.sample_by_subset(records, 2, seed=0)
    assert [r["subset"] for r in picked] == ["hand-written"] * 2 + ["generated"] * 2
    assert picked == explore.sample_by_subset(records, 2, seed=0)
    assert explore.sample_by_subset(records, 0) == records  # 0 or None: every record
    assert explore.sample_by_subset(records, None) == records
