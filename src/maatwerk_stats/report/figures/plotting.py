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


STYLE = {
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
    "text.parse_math": False,  # a "$" in a label is a dollar sign, not TeX
}


def subplots(nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float],
             **kwargs: Any) -> tuple[Figure, Any]:
    """A figure with a grid of axes in the house style, as ``pyplot.subplots`` but without
    pyplot (no GUI backend, no global figure registry: cheaper to import, nothing to close).
    """
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(STYLE)
    fig = Figure(figsize=figsize)
    return fig, fig.subplots(nrows, ncols, **kwargs)


def number_formatter(lang: str, decimals: int = 1) -> Any:
    """Axis tick labels with the decimal mark of ``lang`` ("4,5" in Dutch)."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: fmt_number(value, decimals, lang))


def save_figure(fig: Figure, writer: OutputWriter, stem: str, folder: str = "figures"
                ) -> list[str]:
    """Write ``folder/stem.png`` (300 dpi) and ``folder/stem.svg`` of the same figure.

    The tight bounding box is measured once, on an Agg renderer at the PNG's resolution, and
    used for both files (``bbox_inches="tight"`` would lay the figure out again for each
    format); the PNG is compressed at zlib level 1, several times faster than the default 6
    for files about a quarter larger.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    names = [f"{folder}/{stem}.png", f"{folder}/{stem}.svg"] if folder else [
        f"{stem}.png", f"{stem}.svg"]
    canvas = FigureCanvasAgg(fig)
    dpi = fig.dpi
    fig.set_dpi(300)
    try:
        bbox = fig.get_tightbbox(canvas.get_renderer()).padded(
            float(matplotlib_rc("savefig.pad_inches")))
    finally:
        fig.set_dpi(dpi)
    fig.savefig(writer.path(names[0]), dpi=300, bbox_inches=bbox,
                metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    fig.savefig(writer.path(names[1]), bbox_inches=bbox,
                metadata={"Date": None, "Creator": None})
    return names


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes (300 dpi, tight box, fixed metadata), not written to a file:
    the factsheet embeds figures drawn at their printed size."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=300, bbox_inches="tight",
                metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def matplotlib_rc(key: str) -> Any:
    import matplotlib

    return matplotlib.rcParams[key]
