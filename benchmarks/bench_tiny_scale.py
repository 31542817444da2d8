"""How far cpu-tiny's base model is from writing programs that run: pre-training steps against effect.

    python benchmarks/bench_tiny_scale.py [--steps 300 1200] [--tasks 24] [--hidden 128] [--layers 3]

Pre-trains the tiny base (modeling.build_tiny_base, the workbook's own code path and corpus) once per
step count, then asks it, in the chat template, for the programs of generated tasks of every
language: `--tasks` seeded training tasks (programs it has read) and as many test tasks (families it
has never read). Prints, per step count, the pre-training time and its ratio to the first, the final
loss, and the share of answers that run in the sandbox and that are in the requested language, each
with a 95% bootstrap interval over the tasks. It measures what issue #11's `expert_runs_rate` bar
asks of a model the size cpu-tiny can afford (the workbook pre-trains 300 steps); it is a base-model
measurement (the experts add 60 LoRA steps in one language). Run by hand, never by the tests.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from helpers import answers, checks, config, data, generate, language_id, modeling, prompts, stats

SPLITS = ("train", "test")


def generated_tasks(language: str, split: str, n: int, seed: int) -> list[dict]:
    """A seeded sample of `n` generated tasks of one language and split."""
    rows = [
        r
        for r in data.load_xlcost(language, split, data_source="mini+generated")
        if r["subset"] == "generated"
    ]
    return random.Random(seed).sample(rows, min(n, len(rows)))


def share_with_interval(flags: list[bool], strata: list[str], seed: int) -> str:
    """'0.33 (0.21-0.46)': the share of true flags and its 95% bootstrap interval, stratified."""
    value = sum(flags) / len(flags)
    low, high, _ = stats.bootstrap_interval(
        lambda idx: sum(flags[i] for i in idx) / len(idx), len(flags), seed=seed, strata=strata
    )
    return f"{value:.2f} ({low:.2f}-{high:.2f})"


def measure(profile: config.Profile, tokenizer, texts: list[str], tasks: dict) -> dict:
    """Pre-train one base model and score its answers on `tasks` (split -> language -> records)."""
    start = time.perf_counter()
    model, losses = modeling.build_tiny_base(profile, tokenizer, texts)
    seconds = time.perf_counter() - start
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    settings = generate.GenerationSettings.from_profile(profile)
    result = {"seconds": seconds, "loss": sum(losses[-20:]) / len(losses[-20:])}
    for split, by_language in tasks.items():
        runs, following, strata = [], [], []
        for language, records in by_language.items():
            asked = [prompts.prompt_for(r["text"], language, tokenizer, "chat") for r in records]
            programs = answers.answers_to_programs(
                generate.generate(model, tokenizer, asked, settings), language
            )
            report = checks.execution_checks(programs, [r["code"] for r in records], language)
            runs += [bool(s["runs"]) for s in report.samples]
            following += [language_id.classify_language(p, language) == language for p in programs]
            strata += [language] * len(records)
        result[split] = {
            "runs": share_with_interval(runs, strata, profile.seed),
            "language": share_with_interval(following, strata, profile.seed),
        }
    return result


def main(argv: list[str] | None = None) -> int:
    """Pre-train at every step count and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--steps", type=int, nargs="+", default=[300, 1200], help="pre-training steps to compare"
    )
    parser.add_argument("--tasks", type=int, default=24, help="generated tasks per language and split")
    parser.add_argument("--hidden", type=int, help="default: the cpu-tiny profile's tiny_hidden_size")
    parser.add_argument("--layers", type=int, help="default: the cpu-tiny profile's tiny_layers")
    args = parser.parse_args(argv)
    if any(s < 1 for s in args.steps) or args.tasks < 1:
        parser.error("--steps and --tasks take positive whole numbers.")
    base = config.get_profile("cpu-tiny")
    sizes = {
        "tiny_hidden_size": args.hidden or base.tiny_hidden_size,
        "tiny_layers": args.layers or base.tiny_layers,
    }
    modeling.configure_torch(base)
    tokenizer = modeling.load_tokenizer(base)
    texts = modeling.pretraining_texts(
        data_source=modeling.tiny_data_source(base),
        instructed=base.tiny_pretrain_instructed,
        seed=base.seed,
        tokenizer=tokenizer,
    )
    tasks = {
        s: {lang: generated_tasks(lang, s, args.tasks, base.seed) for lang in config.LANGUAGES}
        for s in SPLITS
    }
    print(
        f"cpu-tiny base, hidden {sizes['tiny_hidden_size']}, {sizes['tiny_layers']} layers, "
        f"{base.torch_threads} torch thread(s); {args.tasks} generated tasks per language and split; "
        "shares with 95% bootstrap intervals",
        flush=True,
    )
    header = f"{'steps':>6}{'seconds':>9}{'ratio':>7}{'loss':>7}"
    header += "".join(f"  {s + ' ' + what:<22}" for s in SPLITS for what in ("runs", "in language"))
    print(header, flush=True)
    first = None
    for steps in args.steps:
        row = measure(base.replace(tiny_pretrain_steps=steps, **sizes), tokenizer, texts, tasks)
        first = first or row["seconds"]
        line = f"{steps:>6}{row['seconds']:>9.0f}{row['seconds'] / first:>7.2f}{row['loss']:>7.3f}"
        line += "".join(f"  {row[s][what]:<22}" for s in SPLITS for what in ("runs", "language"))
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
