"""One style for every figure of the workbook: sizes, fonts, a colour-blind-safe palette, legends
outside the data, colour bars on heatmaps, labelled axes. `apply()` once per notebook; the helpers
below do the parts rcParams cannot."""

from __future__ import annotations

from collections.abc import Sequence

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
SEQUENTIAL_CMAP = "viridis"  # perceptually uniform and colour-blind safe
WIDTH = 7.0  # inches: one notebook column
ROW_HEIGHT = 3.0


def rc_params() -> dict:
    """The matplotlib settings of the house style."""
    from cycler import cycler

    return {
        "figure.figsize": (WIDTH, ROW_HEIGHT),
        "figure.dpi": 100,
        "savefig.dpi": 120,
        "font.size": 10,
        "axes.titlesize": 10,
        "axes.labelsize": 10,
        "legend.fontsize": 9,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "figure.titlesize": 11,
        "axes.prop_cycle": cycler(color=list(PALETTE)),
        "image.cmap": SEQUENTIAL_CMAP,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "legend.frameon": False,
    }


def apply() -> None:
    """Use the house style for every figure drawn from now on."""
    import matplotlib as mpl

    mpl.rcParams.update(rc_params())


def legend_outside(ax, title: str | None = None) -> None:
    """The axes' legend to the right of the plot, where it covers no data."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(
            handles, labels, title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0
        )


def annotated_heatmap(
    ax,
    matrix,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    vmin: float = 0.0,
    vmax: float = 1.0,
    colorbar_label: str | None = "",
    digits: int = 2,
):
    """A heatmap with each value written in its cell and a labelled colour bar (None: no bar, e.g.
    when the panels of a grid share one, see `shared_colorbar`); returns the image."""
    import numpy as np

    values = np.asarray(matrix, dtype=float)
    image = ax.imshow(values, vmin=vmin, vmax=vmax, cmap=SEQUENTIAL_CMAP, aspect="auto")
    middle = (vmin + vmax) / 2
    for (i, j), value in np.ndenumerate(values):
        ax.text(
            j,
            i,
            f"{value:.{digits}f}",
            ha="center",
            va="center",
            fontsize=8,
            color="black" if value > middle else "white",
        )
    ax.set_xticks(range(len(column_labels)), column_labels, rotation=30, ha="right")
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.grid(False)
    if colorbar_label is not None:
        ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04).set_label(colorbar_label)
    return image


def shared_colorbar(fig, image, axes, label: str) -> None:
    """One labelled colour bar for a grid of heatmaps drawn on the same scale."""
    fig.colorbar(image, ax=axes, fraction=0.025, pad=0.02).set_label(label)


def ecdf(ax, values: Sequence[float], label: str, **style) -> None:
    """The empirical distribution function of some values (share of values ≤ x)."""
    import numpy as np

    xs = np.sort(np.asarray(values, dtype=float))
    if not len(xs):
        return
    ax.step(xs, np.arange(1, len(xs) + 1) / len(xs), where="post", label=label, **style)
    ax.set_ylim(0, 1.02)
