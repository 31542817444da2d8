"""Every program of the bundled mini corpus runs in the sandbox and prints its expected output,
both as written and after a trip through the xlcost form (slow: a few minutes on 2 cores)."""

from __future__ import annotations

import pytest

from helpers import data, execution
from helpers.config import LANGUAGES


@pytest.mark.slow
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_mini_programs_print_their_expected_output(language):
    records = [r for split in data.SPLITS for r in data.load_xlcost(language, split, "mini")]
    assert len(records) == 64
    round_trip = [data.detokenize(r["code"], language) for r in records]  # code: tokenize(source)
    variants = {"source": [r["source"] for r in records], "detokenize(code)": round_trip}
    jobs = [(source, language) for sources in variants.values() for source in sources]
    results = execution.run_many(jobs)
    failures = []
    for i, result in enumerate(results):
        variant, record = list(variants)[i // len(records)], records[i % len(records)]
        if result.status != "ok" or result.stdout != record["expected_stdout"]:
            why = result.stderr.strip().splitlines()[-1:] if result.status != "ok" else "stdout"
            failures.append(f"{record['task_id']} ({variant}): {result.status} {why}")
    assert not failures, f"{len(failures)} of {len(jobs)} {language} runs failed:\n" + \
        "\n".join(failures)
