"""Shared matplotlib set-up: a non-interactive backend, one palette, deterministic files.

Figures are saved as PNG (300 dpi) and SVG with fixed metadata (no software version, no
date, a fixed SVG hash salt), so the same data give byte-identical files.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..format import fmt_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...io.write import OutputWriter

# the palette, checked for contrast and colour-vision deficiencies: see palette.py
from .palette import GROUP_COLORS, LIKERT_COLORS, NEUTRAL  # noqa: F401 (re-exported)

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
    format); the PNG is written by :func:`write_png`.
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
    write_png(fig, png, bbox)
    fig.savefig(svg, bbox_inches=bbox, metadata={"Date": None, "Creator": None})


def write_png(fig: Figure, target: Path | BinaryIO, bbox: Any) -> None:
    """The 300 dpi PNG of ``fig`` inside ``bbox``, in RGB when every pixel is opaque (the
    figures have a white background): the same pixels as matplotlib's RGBA PNG, in a file
    about an eighth smaller that zlib compresses faster; zlib level 3 is as fast here as
    level 1 and a little smaller, the default 6 is about 40 % slower (the Likert chart: RGBA
    level 1 477 kB, RGB level 3 410 kB). No software name or date in the file (the same
    figure gives the same bytes)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=300, bbox_inches=bbox)
    raw = buffer.getbuffer()
    # the Agg canvas of the cropped figure: int() of its size in pixels, as RendererAgg
    width, height = int(bbox.width * 300), int(bbox.height * 300)
    if len(raw) != 4 * width * height:  # not the size foreseen: matplotlib's own PNG
        fig.savefig(target, format="png", dpi=300, bbox_inches=bbox,
                    metadata={"Software": None}, pil_kwargs={"compress_level": 3})
        return
    image = Image.frombuffer("RGBA", (width, height), raw, "raw", "RGBA", 0, 1)
    if image.getextrema()[3][0] == 255:  # opaque: the alpha channel says nothing
        image = image.convert("RGB")
    image.save(target, format="png", dpi=(300, 300), compress_level=3)


def tight_box(fig: Figure, pad_inches: float | None = None) -> Any:
    """The tight bounding box of ``fig`` (padded by ``pad_inches``, by default
    ``savefig.pad_inches``), measured once on
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
            float(matplotlib.rcParams["savefig.pad_inches"]) if pad_inches is None
            else pad_inches)
    finally:
        fig.set_dpi(dpi)


def in_background(writer: OutputWriter, work: Callable[[], None]) -> None:
    """Run ``work`` (writing staged files of ``writer``) in a forked child process, so that
    figures render on the second core while this process draws the next one or writes the
    tables; ``writer`` waits for the child before any file is read or committed
    (:meth:`OutputWriter.defer`). Where ``fork`` is unavailable (not Linux), or the child
    fails, ``work`` runs here, so the files and any error are the same as without a child.
    The child leaves with ``os._exit``: no cleanup handler of this process runs twice.

    A run stopped meanwhile (Ctrl-C, SIGTERM: ``cli/signals.py``) must not remove the staging
    folder while a child still writes into it (the folder would stay, holding the child's
    file): signals wait while the child is forked and registered, and a wait for the child
    that a signal cuts short ends the child (SIGKILL) and reaps it before the stop goes on."""
    import signal

    if sys.platform != "linux":
        work()
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, (signal.SIGINT, signal.SIGTERM,
                                                     signal.SIGHUP))
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        work()
        return
    if pid == 0:  # the child
        code = 1
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            work()
            code = 0
        finally:
            os._exit(code)

    def finish(complete: bool) -> None:
        try:
            _, status = os.waitpid(pid, 0)
        except BaseException:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            raise
        if complete and os.waitstatus_to_exitcode(status) != 0:
            work()

    try:
        writer.defer(finish)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes (300 dpi, tight box with a 0.5 mm margin, fixed metadata), not
    written to a file: the factsheet embeds figures drawn at their printed size, shown
    :func:`printed_width_cm` wide."""
    import io

    buffer = io.BytesIO()
    write_png(fig, buffer, tight_box(fig, pad_inches=0.02))
    return buffer.getvalue()


def printed_width_cm(png: bytes, dpi: int = 300) -> float:
    """The width (cm) at which a PNG of :func:`figure_png` shows at the size it was drawn:
    its pixel width (PNG IHDR, bytes 16–19) at ``dpi``, so 8 pt text prints as 8 pt."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return round(int.from_bytes(png[16:20], "big") / dpi * 2.54, 3)
