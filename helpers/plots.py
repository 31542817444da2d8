"""Figures shared by notebooks: score distributions of systems, per language and scoring."""

from __future__ import annotations

SCORING_COLUMNS = {"published": "codebleu", "corrected": "corrected"}


def score_distributions(samples, systems: dict[str, str], by_language: bool = True, title: str = ""):
    """ECDFs of per-sample CodeBLEU of some systems; one row per scoring, one column per language.

    An ECDF (share of samples scoring at most x) keeps every system readable where overlaid
    histograms would hide each other; a curve further right is better. `samples` has columns
    system, language, codebleu (published) and corrected; `systems` maps system names to labels.
    """
    import matplotlib.pyplot as plt

    from helpers import figure_style

    data = samples[samples["system"].isin(list(systems))]
    columns = list(dict.fromkeys(data["language"])) if by_language else ["all languages"]
    fig, axes = plt.subplots(
        2,
        len(columns),
        figsize=(2.9 * len(columns) + 1.6, 5.2),
        squeeze=False,
        sharex=True,
        sharey=True,
        layout="constrained",
    )
    for row, (scoring, column) in enumerate(SCORING_COLUMNS.items()):
        for col, language in enumerate(columns):
            ax = axes[row][col]
            part = data if not by_language else data[data["language"] == language]
            for system, label in systems.items():
                figure_style.ecdf(ax, part.loc[part["system"] == system, column], label)
            ax.set_xlim(0, 1)
            ax.set_title(f"{language} · {scoring}")
            ax.set_xlabel("CodeBLEU" if row == 1 else "")
            ax.set_ylabel("share of samples ≤ x" if col == 0 else "")
    figure_style.legend_outside(axes[0][-1], title="system")
    if title:
        fig.suptitle(title)
    return fig
