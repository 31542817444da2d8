"""Figures shared by notebooks: score distributions of systems, per language and scoring."""

from __future__ import annotations

SCORING_COLUMNS = {"published": "codebleu", "corrected": "corrected"}


def score_distributions(samples, systems: dict[str, str], by_language: bool = True,
                        title: str = ""):
    """Histograms of per-sample CodeBLEU of some systems; one row per scoring, one column per language.

    `samples` has columns system, language, codebleu (published) and corrected; `systems` maps the
    system names to compare to their labels.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    data = samples[samples["system"].isin(list(systems))].copy()
    data["system"] = data["system"].map(systems)
    columns = list(dict.fromkeys(data["language"])) if by_language else ["all languages"]
    fig, axes = plt.subplots(2, len(columns), figsize=(3.2 * len(columns), 5.4), squeeze=False,
                             sharex=True)
    for row, (scoring, column) in enumerate(SCORING_COLUMNS.items()):
        for col, language in enumerate(columns):
            ax = axes[row][col]
            part = data if not by_language else data[data["language"] == language]
            sns.histplot(part, x=column, hue="system", hue_order=list(systems.values()), bins=20,
                         binrange=(0, 1), element="step", stat="density", common_norm=False, ax=ax,
                         legend=(row == 0 and col == len(columns) - 1))
            ax.set_title(f"{language} · {scoring}", fontsize=9)
            ax.set_xlabel("CodeBLEU" if row == 1 else "")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
