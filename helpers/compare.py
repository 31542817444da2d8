"""Every way of combining the experts, side by side: which systems exist, their sizes and speed."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import config, layout

if TYPE_CHECKING:
    import pandas as pd


def load_system(path: str | Path, profile: config.Profile, capability=None):
    """Load a system's model; a trained-router MoE gets its own router modules back, and a MoE's
    experts are 4-bit when the profile says so (moe_experts_4bit)."""
    from helpers import modeling

    path = Path(path)
    load = {"quantize": profile.generate_in_4bit, "capability": capability}
    if layout.is_trained_moe(path.name):
        from helpers import router

        start = router.start_system(path)  # routers only: the MoE they were trained on
        start_dir = layout.Run.of(profile).system_dir(start) if start else None
        return router.load_trained_moe(
            path, with_routers=True, experts_4bit=profile.moe_experts_4bit, start_dir=start_dir, **load
        )
    return modeling.load_model(path, experts_4bit=profile.moe_experts_4bit, **load)


def parameter_counts(model) -> dict[str, int]:
    """Total parameters and those active for one token (a MoE uses top-k of its experts)."""
    from helpers import modeling

    total = modeling.parameter_count(model)
    model_config = model.config
    experts = getattr(model_config, "num_local_experts", None)
    if not experts:
        return {"total": total, "active": total}
    expert_params = sum(p.numel() for name, p in model.named_parameters() if ".experts." in name)
    idle = expert_params * (experts - model_config.num_experts_per_tok) // experts
    return {"total": total, "active": total - idle}


def generation_speed(model, tokenizer, prompts: list[str], settings) -> float:
    """New tokens per second of batched greedy generation on `prompts` (measured once)."""
    from helpers import generate

    start = time.perf_counter()
    answers = generate.generate(model, tokenizer, prompts, settings)
    seconds = time.perf_counter() - start
    new_tokens = sum(len(tokenizer(a, add_special_tokens=False)["input_ids"]) for a in answers)
    return new_tokens / seconds if seconds > 0 else float("nan")


def system_table(scores, column: str):
    """A system × language table of one score column, with "all": the mean of the languages."""
    table = scores[column].unstack("language")
    table = table[[lang for lang in config.LANGUAGES if lang in table.columns]]
    return table.assign(all=table.mean(axis=1))


def sample_scores(predictions: dict[str, dict[str, list[dict]]], systems: list[str] | None = None):
    """Per-sample CodeBLEU of every system and language, published and corrected, in one pool each.

    published: the paper's protocol (xlcost references); corrected: no free data-flow credit,
    runnable references with a code-aware tokenizer. Predictions are scored as
    answers.answer_to_program cuts them, the programs execution_table runs. Columns: system,
    language, sample, subset (the record's, "all" when it has none), codebleu, corrected,
    free_published, free_corrected (the sample's data-flow match was 0).
    """
    import pandas as pd

    from helpers import evaluate

    keys = [(s, lang) for s in (systems or list(predictions)) for lang in predictions[s]]
    sets = [
        (
            [r["prediction"] for r in predictions[s][lang]],
            [r["reference"] for r in predictions[s][lang]],
            lang,
        )
        for s, lang in keys
    ]
    published, corrected = (
        evaluate.score_codebleu_many(sets, scoring, reference_format)
        for scoring, reference_format in evaluate.OWN_RUN_SCORINGS
    )
    frames = []
    for (system, lang), pub, cor in zip(keys, published, corrected, strict=True):
        pub_rows, cor_rows = pub.to_frame(), cor.to_frame()
        frames.append(
            pd.DataFrame(
                {
                    "system": system,
                    "language": lang,
                    "sample": range(len(pub_rows)),
                    "subset": [str(r.get("subset") or "all") for r in predictions[system][lang]],
                    "codebleu": pub_rows["codebleu"],
                    "corrected": cor_rows["codebleu"],
                    "free_published": pub_rows["dataflow_match_score"] == 0,
                    "free_corrected": cor_rows["dataflow_match_score"] == 0,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def score_table(samples):
    """Mean scores per (system, language) from `sample_scores`, with the free-credit shares."""
    grouped = samples.groupby(["system", "language"], sort=False)
    return grouped.agg(
        codebleu_published=("codebleu", "mean"),
        codebleu_corrected=("corrected", "mean"),
        free_dataflow_share_published=("free_published", "mean"),
        free_dataflow_share_corrected=("free_corrected", "mean"),
    )


def subset_table(samples) -> dict[str, dict[str, dict[str, float]]]:
    """{system: {subset: {codebleu_published, codebleu_corrected, samples}}} over all languages."""
    table: dict[str, dict[str, dict[str, float]]] = {}
    for (system, subset), part in samples.groupby(["system", "subset"], sort=False):
        table.setdefault(system, {})[subset] = {
            "codebleu_published": float(part["codebleu"].mean()),
            "codebleu_corrected": float(part["corrected"].mean()),
            "samples": len(part),
        }
    return table


def metrics_table(scores, execution) -> dict[str, dict[str, dict[str, float]]]:
    """{system: {language: {metric: value}}} from the score and execution tables, for metrics.json."""
    joined = scores.join(execution, how="left")
    table: dict[str, dict[str, dict[str, float]]] = {}
    for (system, lang), row in joined.iterrows():
        table.setdefault(system, {})[lang] = {k: float(v) for k, v in row.items()}
    return table


# Every system writes predictions_<language>.jsonl into its own folder (notebooks 04, 05, 07).


def predict_languages(
    model,
    tokenizer,
    test: Mapping[str, list[dict]],
    out_dir: str | Path,
    model_name: str,
    settings,
    prompt_style: str = "chat",
    reuse: Sequence[str | Path] = (),
) -> dict[str, list[dict]]:
    """Predictions of one model on every language's test records, one jsonl file per language.

    All languages' prompts are generated together (fewer, fuller batches); a language whose
    file is already complete for this model and these settings is read instead, from `out_dir`
    or else from the first folder of `reuse` that holds one (e.g. the notebook that built the
    model), and copied to `out_dir`.
    """
    from helpers import generate
    from helpers.prompts import prompt_for
    from helpers.runs import read_jsonl, write_jsonl

    out_dir = Path(out_dir)
    prompts = {
        lang: [prompt_for(r["text"], lang, tokenizer, prompt_style) for r in records]
        for lang, records in test.items()
    }
    paths = {lang: out_dir / f"predictions_{lang}.jsonl" for lang in test}
    for lang in test:
        if generate.predictions_complete(paths[lang], prompts[lang], model_name, settings):
            continue
        for folder in reuse:
            earlier = Path(folder) / paths[lang].name
            if generate.predictions_complete(earlier, prompts[lang], model_name, settings):
                write_jsonl(paths[lang], read_jsonl(earlier))
                break
    todo = [
        lang
        for lang in test
        if not generate.predictions_complete(paths[lang], prompts[lang], model_name, settings)
    ]
    flat = [p for lang in todo for p in prompts[lang]]
    raw = generate.generate(model, tokenizer, flat, settings) if flat else []
    rows, start = {}, 0
    for lang in test:
        if lang not in todo:
            rows[lang] = read_jsonl(paths[lang])
            continue
        answers, start = raw[start : start + len(prompts[lang])], start + len(prompts[lang])
        rows[lang] = generate.prediction_rows(test[lang], prompts[lang], answers, lang, model_name, settings)
        write_jsonl(paths[lang], rows[lang])
    return rows


def execution_table(
    predictions: Mapping[str, Mapping[str, list[dict]]], subsample: int | None, seed: int = 0
) -> pd.DataFrame:
    """Execution checks of every system on the same seeded subsample of each language's tasks.

    Rows (system, language): runs_rate, driver_match_rate and how many programs were checked.
    The checks run answers.answer_to_program of each prediction, the text sample_scores scores.
    """
    import random

    import pandas as pd

    from helpers import checks

    rows = []
    languages = dict.fromkeys(lang for by_lang in predictions.values() for lang in by_lang)
    for lang in languages:
        systems = [s for s in predictions if lang in predictions[s]]
        n = len(predictions[systems[0]][lang])
        picked = (
            sorted(random.Random(seed).sample(range(n), subsample))
            if subsample and subsample < n
            else list(range(n))
        )
        # One call per language: the sandbox runs every system's programs in one thread pool.
        preds = [predictions[s][lang][i]["prediction"] for s in systems for i in picked]
        refs = [predictions[s][lang][i]["reference"] for s in systems for i in picked]
        report = checks.execution_checks(preds, refs, lang).to_frame()
        for k, system in enumerate(systems):
            part = report.iloc[k * len(picked) : (k + 1) * len(picked)]
            checkable = part[part["checkable"]]
            rows.append(
                {
                    "system": system,
                    "language": lang,
                    "checked": len(part),
                    "runs_rate": float(part["runs"].mean()),
                    "driver_match_rate": float(checkable["driver_match"].mean())
                    if len(checkable)
                    else float("nan"),
                }
            )
    return pd.DataFrame(rows).set_index(["system", "language"])


def score_systems(predictions: dict[str, dict[str, list[dict]]]):
    """Mean CodeBLEU per (system, language), published and corrected, with free-credit shares."""
    return score_table(sample_scores(predictions))


def metrics_by_column(
    *frames, columns: tuple[str, ...] = ("codebleu_published", "codebleu_corrected", "runs_rate")
) -> dict[str, dict]:
    """{column: {system: {language: value}}} for metrics.json, from (system, language)-indexed tables."""
    found = {}
    for frame in frames:
        for column in columns:
            if column in frame.columns:
                found[column] = {
                    system: frame[column].xs(system, level="system").to_dict()
                    for system in frame.index.unique("system")
                }
    return found
