"""Batched vs one-prompt-at-a-time greedy generation on the same prompts: same answers, how much faster.

    python benchmarks/bench_generate.py [--profile cpu-tiny] [--batch-size N] [--max-new-tokens N]

Uses the profile's base model (on cpu-tiny it is pre-trained first if runs/ has none) and the test
prompts of all four languages. Asserts that both ways give identical answers and prints the ratio.
"""

from __future__ import annotations

import argparse
import sys
import time

from helpers import config, data, generate, modeling
from helpers.prompts import chat_prompt


def timed(model, tokenizer, prompts: list[str], settings: generate.GenerationSettings):
    """Answers and wall-clock seconds of one generate() call."""
    start = time.perf_counter()
    answers = generate.generate(model, tokenizer, prompts, settings)
    return answers, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print both timings side by side."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", default="cpu-tiny")
    parser.add_argument("--batch-size", type=int, help="default: the profile's gen_batch_size")
    parser.add_argument("--max-new-tokens", type=int, help="default: the profile's max_new_tokens")
    parser.add_argument("--target", type=float, default=4.0, help="speed-up the run must reach")
    args = parser.parse_args(argv)

    profile = config.get_profile(args.profile)
    batch_size = args.batch_size or profile.gen_batch_size
    max_new_tokens = args.max_new_tokens or profile.max_new_tokens
    modeling.configure_torch(profile)
    tokenizer = modeling.load_tokenizer(profile)
    source, _ = modeling.ensure_base_model(profile, tokenizer)
    model = modeling.load_model(
        source, quantize=profile.generate_in_4bit, capability=modeling.cuda_capability()
    )
    records = [
        (r, lang)
        for lang in config.LANGUAGES
        for r in data.load_xlcost(lang, "test", data_source=profile.data_source)
    ]
    prompts = [chat_prompt(r["text"], lang, tokenizer) for r, lang in records]
    settings = generate.GenerationSettings.from_profile(profile, max_new_tokens=max_new_tokens)

    generate.generate(model, tokenizer, prompts[:2], settings.replace(batch_size=2))  # warm-up
    single, single_s = timed(model, tokenizer, prompts, settings.replace(batch_size=1))
    batched, batched_s = timed(model, tokenizer, prompts, settings.replace(batch_size=batch_size))
    different = [i for i, (a, b) in enumerate(zip(single, batched, strict=True)) if a != b]
    ratio = single_s / batched_s
    print(f"{len(prompts)} prompts, greedy, up to {max_new_tokens} new tokens, {source}")
    print(f"{'one at a time':>22}: {single_s:7.2f} s")
    print(f"{f'batches of {batch_size}':>22}: {batched_s:7.2f} s")
    print(f"{'speed-up':>22}: {ratio:7.2f}x (target >= {args.target}x)")
    print(f"{'identical answers':>22}: {len(prompts) - len(different)}/{len(prompts)}")
    assert not different, f"batched answers differ from one-at-a-time ones at {different}"
    if ratio < args.target:
        print(f"FAIL: speed-up {ratio:.2f}x is below the target {args.target}x", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
