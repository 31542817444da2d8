"""`python -m helpers.plan --profile colab-t4|paper [--fixes] [--set FIELD=VALUE ...] [--json]`:
the planned peak GPU memory, host RAM, disk and time of every notebook (estimates)."""

from __future__ import annotations

import argparse
import ast
import dataclasses
import json
import sys

from helpers import config
from helpers.plan import notebooks

EXIT_USAGE = 2  # bad profile or field: one line on stderr


def parse_overrides(pairs: list[str]) -> dict:
    """{'finetune_steps': 150, ...} from ['finetune_steps=150', ...] (values as Python literals)."""
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"--set takes FIELD=VALUE, got {pair!r}.")
        try:
            overrides[name] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            overrides[name] = value  # a bare string
    return overrides


def table(result: dict, fixes: bool) -> str:
    """The plan as a plain-text table, one notebook a row, then totals and parameter counts."""
    hardware = result["hardware"]
    lines = [
        f"Plan (estimates) for profile {result['profile']}, "
        f"{'with the fixes' if fixes else 'code as written'}: "
        f"limits {hardware['gpu_gb']:g} GB GPU, {hardware['host_ram_gb']:g} GB host RAM",
        f"keep_large_models={result['options']['keep_large_models']}; disk GB: peak while the notebook "
        "runs, kept GB: what stays for the next notebooks (Hub cache included)",
        f"{'notebook':<21}{'GPU GB':>8}{'RAM GB':>8}{'disk GB':>9}{'kept GB':>9}{'hours':>8}"
        "  fits  heaviest step",
    ]
    kept = 0.0
    for name, row in result["notebooks"].items():
        kept += row["kept_gb"]
        lines.append(
            f"{name:<21}{row['peak_gpu_gb']:>8.1f}{row['host_ram_gb']:>8.1f}"
            f"{row['disk_gb']:>9.1f}{kept:>9.1f}{row['hours']:>8.2f}  {'yes' if row['fits'] else 'NO ':<4}  "
            f"{row['heaviest_step']}"
        )
    params = result["parameters"]
    lines += [
        f"{'total (peak, kept)':<21}{'':>8}{'':>8}{result['peak_disk_gb']:>9.1f}"
        f"{result['total_disk_gb']:>9.1f}{result['total_hours']:>8.2f}"
        f"  {'yes' if result['fits_all'] else 'NO'}",
        f"parameters: base {params['base'] / 1e9:.2f} B, MoE {params['moe_total'] / 1e9:.2f} B "
        f"({params['moe_experts'] / 1e9:.2f} B in experts), active per token "
        f"{params['moe_active'] / 1e9:.2f} B",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the plan of a profile (a table, or JSON with --json)."""
    parser = argparse.ArgumentParser(prog="python -m helpers.plan", description=__doc__)
    parser.add_argument("--profile", help="colab-t4 or paper")
    parser.add_argument(
        "--update-notebooks",
        action="store_true",
        help="write both GPU profiles' planned figures into every notebook's title cell",
    )
    parser.add_argument(
        "--fixes", action="store_true", help="plan the fixed code (4-bit experts, GPU router training, ...)"
    )
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a profile field (finetune_steps=150) or plan option (keep_large_models=True)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if args.update_notebooks:
        from helpers.plan import titles

        for path in titles.update_notebooks(config.REPO_ROOT / "notebooks"):
            print(f"updated {path.name}")
        return 0
    if not args.profile:
        parser.error("--profile is required (colab-t4 or paper)")
    try:
        overrides = parse_overrides(args.overrides)
        option_names = {f.name for f in dataclasses.fields(notebooks.PlanOptions)}
        option_overrides = {k: overrides.pop(k) for k in list(overrides) if k in option_names}
        profile = config.get_profile(args.profile, **overrides)
        options = (
            notebooks.PlanOptions.with_fixes(profile)
            if args.fixes
            else notebooks.PlanOptions.from_profile(profile)
        )
        options = dataclasses.replace(options, **option_overrides)
        result = notebooks.plan(profile, options)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(result, indent=2) if args.json else table(result, args.fixes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
