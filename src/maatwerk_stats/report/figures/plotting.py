"""Shared matplotlib set-up: a non-interactive backend, one palette, deterministic files.

Figures are saved as PNG (300 dpi) and SVG with fixed metadata (no software version, no
date, a fixed SVG hash salt), so the same data give byte-identical files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
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


def save_figure(fig: Figure | Callable[[], Figure], writer: OutputWriter, stem: str,
                folder: str = "figures") -> list[str]:
    """Write ``folder/stem.png`` (300 dpi) and ``folder/stem.svg`` of the same figure.

    ``fig`` is a figure, or a function without arguments that draws it (e.g.
    ``functools.partial(likert_figure, result, lang)``): then the drawing too (text layout,
    ``tight_layout``) happens in the child process of :func:`in_background`, so that the
    figures are drawn on the second core while this process goes on with the next figure or
    table; matplotlib is imported here once, before the first child starts, so the children
    do not each import it.

    The tight bounding box is measured once, on an Agg renderer at the PNG's resolution, and
    used for both files (``bbox_inches="tight"`` would lay the figure out again for each
    format); the PNG is compressed at zlib level 1, several times faster than the default 6
    for files about a quarter larger.
    """
    names = [f"{folder}/{stem}.png", f"{folder}/{stem}.svg"] if folder else [
        f"{stem}.png", f"{stem}.svg"]
    paths = [writer.path(name) for name in names]  # registered here, in this process
    if callable(fig):
        draw = fig
        preload_matplotlib()
        in_background(writer, lambda: render_files(draw(), paths[0], paths[1]))
    else:
        drawn = fig
        in_background(writer, lambda: render_files(drawn, paths[0], paths[1]))
    return names


def preload_matplotlib() -> None:
    """Import the parts of matplotlib every figure needs (the figure, the Agg and SVG
    back ends) in this process, so that forked children start with them loaded."""
    import matplotlib.figure  # noqa: F401
    from matplotlib.backends import backend_agg, backend_svg  # noqa: F401
    from matplotlib.font_manager import findfont, get_font

    get_font(findfont(STYLE["font.family"]))  # the font file, loaded once for every child


def render_files(fig: Figure, png: Path, svg: Path) -> None:
    """The PNG and SVG of ``fig`` with one tight bounding box (see :func:`save_figure`)."""
    bbox = tight_box(fig)
    fig.savefig(png, dpi=300, bbox_inches=bbox, metadata={"Software": None},
                pil_kwargs={"compress_level": 1})
    fig.savefig(svg, bbox_inches=bbox, metadata={"Date": None, "Creator": None})


def tight_box(fig: Figure) -> Any:
    """The tight bounding box of ``fig`` (padded by ``savefig.pad_inches``), measured once on
    an Agg renderer at the PNG's 300 dpi, as ``savefig(bbox_inches="tight")`` measures it.

    A figure laid out once by ``fig.tight_layout()`` keeps a placeholder layout engine, and
    ``savefig`` runs a whole extra layout pass (every text shaped again) before each file
    for any figure with an engine; the layout is final here, so the placeholder is removed
    first. That takes two of the five text-layout passes of a PNG + SVG pair away (the
    Likert chart: 1,302 → 758 text layouts), and the files draw the same (the PNG is
    byte-identical; the SVG differs only in its clip-path ids)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    if isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine) and not (
            matplotlib.rcParams["figure.autolayout"]
            or matplotlib.rcParams["figure.constrained_layout.use"]):
        fig.set_layout_engine(None)  # no engine (None falls back to these two settings)
    canvas = FigureCanvasAgg(fig)
    dpi = fig.dpi
    fig.set_dpi(300)
    try:
        return fig.get_tightbbox(canvas.get_renderer()).padded(
            float(matplotlib.rcParams["savefig.pad_inches"]))
    finally:
        fig.set_dpi(dpi)


def in_background(writer: OutputWriter, work: Callable[[], None]) -> None:
    """Run ``work`` (writing staged files of ``writer``) in a forked child process, so that
    figures render on the second core while this process draws the next one or writes the
    tables; ``writer`` waits for the child before any file is read or committed
    (:meth:`OutputWriter.defer`). Where ``fork`` is unavailable (not Linux), or the child
    fails, ``work`` runs here, so the files and any error are the same as without a child.
    The child leaves with ``os._exit``: no cleanup handler of this process runs twice."""
    if sys.platform != "linux":
        work()
        return
    try:
        pid = os.fork()
    except OSError:
        work()
        return
    if pid == 0:  # the child
        code = 1
        try:
            work()
            code = 0
        finally:
            os._exit(code)

    def finish(complete: bool) -> None:
        _, status = os.waitpid(pid, 0)
        if complete and os.waitstatus_to_exitcode(status) != 0:
            work()

    writer.defer(finish)


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes (300 dpi, tight box, fixed metadata), not written to a file:
    the factsheet embeds figures drawn at their printed size."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=300, bbox_inches=tight_box(fig),
                metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()
