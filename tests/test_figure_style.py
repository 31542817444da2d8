"""helpers.figure_style: the palette, heatmap colour bars, legends outside, ECDFs."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from helpers import figure_style  # noqa: E402


def test_apply_sets_the_colour_blind_cycle():
    figure_style.apply()
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    assert tuple(colors) == figure_style.PALETTE
    assert plt.rcParams["image.cmap"] == "viridis"


def test_heatmap_has_a_colour_bar_and_every_value_written():
    fig, ax = plt.subplots()
    figure_style.annotated_heatmap(
        ax, [[0.1, 0.9], [0.5, 0.25]], ["a", "b"], ["x", "y"], colorbar_label="share"
    )
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "share"
    assert sorted(t.get_text() for t in ax.texts) == ["0.10", "0.25", "0.50", "0.90"]
    plt.close(fig)


def test_legend_outside_and_ecdf():
    fig, ax = plt.subplots()
    figure_style.ecdf(ax, [0.3, 0.1, 0.2], "scores")
    figure_style.legend_outside(ax)
    legend = ax.get_legend()
    assert legend is not None and legend.get_bbox_to_anchor().x0 > ax.get_window_extent().x1 - 1
    xs, ys = ax.lines[0].get_data()
    assert list(xs) == [0.1, 0.2, 0.3] and np.allclose(ys, [1 / 3, 2 / 3, 1.0])
    plt.close(fig)
