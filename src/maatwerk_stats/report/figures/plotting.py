"""Shared matplotlib set-up: a non-interactive backend, one palette, deterministic files.

Figures are saved as PNG (300 dpi) and SVG with fixed metadata (no software version, no
date, a fixed SVG hash salt), so the same data give byte-identical files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..format import fmt_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...io.write import OutputWriter

# Two measurements: a light and a dark blue (distinguishable in grey print and for the
# common colour-vision deficiencies); five answer categories: a diverging red–grey–blue scale.
GROUP_COLORS = ("#8fb8de", "#1b4f8a")
LIKERT_COLORS = ("#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac")
NEUTRAL = "#4d4d4d"
CM = 1 / 2.54


def pyplot() -> Any:
    """``matplotlib.pyplot`` on the Agg backend with the house style."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "svg.hashsalt": "maatwerk-stats",
        "svg.fonttype": "path",
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "legend.frameon": False,
        "figure.dpi": 100,
    })
    return plt


def number_formatter(lang: str, decimals: int = 1) -> Any:
    """Axis tick labels with the decimal mark of ``lang`` ("4,5" in Dutch)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: fmt_number(value, decimals, lang))


def save_figure(fig: Figure, writer: OutputWriter, stem: str, folder: str = "figures"
                ) -> list[str]:
    """Write ``folder/stem.png`` (300 dpi) and ``folder/stem.svg``; close the figure."""
    names = [f"{folder}/{stem}.png", f"{folder}/{stem}.svg"] if folder else [
        f"{stem}.png", f"{stem}.svg"]
    fig.savefig(writer.path(names[0]), dpi=300, bbox_inches="tight",
                metadata={"Software": None})
    fig.savefig(writer.path(names[1]), bbox_inches="tight",
                metadata={"Date": None, "Creator": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return names
