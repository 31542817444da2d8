"""Training throughput and padding with and without packing, measured side by side in one run.

    python benchmarks/bench_packing.py [--profile cpu-tiny] [--language python] [--steps 10]

Fine-tunes the profile's base model (QLoRA, as notebook 03) for a few steps three ways: batches of
`batch_size` examples padded to the longest, the same with length bucketing, and packed rows of
`max_seq_len` tokens. Prints real (non-padding) tokens per second and the share of padding tokens
in one pass over the training data; the packed run must waste under 5% on padding.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from helpers import config, data, finetune, modeling

LAYOUTS = {  # name -> (packing, length bucketing)
    "padded": (False, False),
    "padded + length buckets": (False, True),
    "packed": (True, False),
}


def measure(
    profile, source, tokenizer, dataset, packing: bool, bucketing: bool, steps: int, workdir: Path
) -> dict[str, float]:
    """Padding share over one pass, and real tokens per second over `steps` training steps."""
    model = finetune.load_qlora_model(source, profile)
    trainer = finetune.build_trainer(
        model,
        tokenizer,
        dataset,
        None,
        profile,
        workdir,
        packing=packing,
        max_steps=steps,
        length_bucketing=bucketing,
        checkpoints=False,
    )
    counts = finetune.token_counts(trainer)
    info = finetune.train(trainer)
    return {
        "padding_share": counts["padding"] / counts["tokens"],
        "tokens_per_second": info["tokens_seen"] / info["train_seconds"],
        "seconds": info["train_seconds"],
        "real_tokens": info["tokens_seen"],
    }


def main(argv: list[str] | None = None) -> int:
    """Run the three layouts and print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", default="cpu-tiny")
    parser.add_argument("--language", default="python")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--max-padding", type=float, default=0.05, help="packed run's limit")
    args = parser.parse_args(argv)

    profile = config.get_profile(args.profile)
    modeling.configure_torch(profile)
    tokenizer = modeling.load_tokenizer(profile)
    source, _ = modeling.ensure_base_model(profile, tokenizer)
    records = data.load_xlcost(args.language, "train", data_source=profile.data_source)
    dataset = finetune.sft_dataset(records, args.language, tokenizer)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (packing, bucketing) in LAYOUTS.items():
            results[name] = measure(
                profile,
                source,
                tokenizer,
                dataset,
                packing,
                bucketing,
                args.steps,
                Path(tmp) / name.replace(" ", "_"),
            )

    print(f"{len(records)} {args.language} examples, {args.steps} QLoRA steps each, {source}")
    print(f"{'layout':>24} {'padding':>8} {'real tokens/s':>14} {'seconds':>8}")
    for name, r in results.items():
        print(f"{name:>24} {r['padding_share']:8.1%} {r['tokens_per_second']:14.0f} {r['seconds']:8.2f}")
    packed, padded = results["packed"], results["padded"]
    print(
        f"packed vs padded: {packed['tokens_per_second'] / padded['tokens_per_second']:.2f}x "
        f"real tokens per second; padding {padded['padding_share']:.1%} -> {packed['padding_share']:.1%}"
    )
    if packed["padding_share"] >= args.max_padding:
        print(
            f"FAIL: packed training wastes {packed['padding_share']:.1%} on padding "
            f"(limit {args.max_padding:.0%})",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
