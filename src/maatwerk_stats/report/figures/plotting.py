"""Shared matplotlib set-up: a non-interactive backend, one palette, deterministic files.

Figures are saved as PNG (300 dpi) and SVG with fixed metadata (no software version, no
date, a fixed SVG hash salt), so the same data give byte-identical files. Each figure is laid
out and drawn once on its Agg canvas at 300 dpi; the PNG is cut out of that canvas
(:func:`rasterise`, :func:`encode_png`) and the SVG drawn with the same box.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..format import fmt_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...io.write import OutputWriter

# the palette, checked for contrast and colour-vision deficiencies: see palette.py
from .palette import GROUP_COLORS, LIKERT_COLORS, NEUTRAL  # noqa: F401 (re-exported)

CM = 1 / 2.54
DPI = 300  # of the PNGs; the figures are laid out at it too (see rasterise)


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


class Columns:
    """A table as one Python list per column: what a drawing job carries to the figure process
    instead of a DataFrame, and what the drawing loops read.

    A DataFrame in a job makes the figure process import pandas to unpickle it (0.25 s);
    ``compare`` forks that process before it imports pandas (``figure_process(shared=…)``), so
    that matplotlib is imported on the second core while pandas is imported on the first, and
    its jobs carry their tables as Columns. The drawing loops also index lists instead of
    pandas (``part["n_group"].iloc[0]``, boolean filters, ``groupby``, ``itertuples``: about
    0.1 s of the Likert chart, 390 ``__getitem__`` calls). The values are those
    ``Series.tolist()`` gives, the Python scalars that ``itertuples`` gives too, so every
    drawn number is the same."""

    __slots__ = ("data",)

    def __init__(self, data: dict[str, list[Any]]) -> None:
        self.data = data

    @classmethod
    def of(cls, table: Any) -> Columns:
        """``table`` (a DataFrame, or Columns) as Columns, column by column."""
        if isinstance(table, Columns):
            return table
        return cls({str(name): table[name].tolist() for name in table.columns})

    def __getitem__(self, name: str) -> list[Any]:
        return self.data[name]

    def __len__(self) -> int:
        return len(next(iter(self.data.values()), []))

    def take(self, positions: list[int]) -> Columns:
        """The rows at ``positions``, in that order."""
        return Columns({name: [column[i] for i in positions]
                        for name, column in self.data.items()})

    def where(self, name: str, value: Any) -> Columns:
        """The rows whose ``name`` equals ``value`` (``frame[frame[name] == value]``)."""
        return self.take([i for i, v in enumerate(self.data[name]) if v == value])

    def rows(self) -> list[Any]:
        """The rows as named tuples (``itertuples(index=False)``)."""
        from collections import namedtuple

        Row = namedtuple("Row", list(self.data), rename=True)
        return [Row(*values) for values in zip(*self.data.values(), strict=True)]


def has_value(value: Any) -> bool:
    """Whether ``value`` is neither None nor NaN (``Series.notna`` of a ``tolist()`` value)."""
    return value is not None and value == value


def minus(left: list[Any], right: list[Any]) -> list[Any]:
    """``left - right`` element by element (as the Series' difference: float64 arithmetic):
    the lengths of error bars below and above their points."""
    return [a - b for a, b in zip(left, right, strict=True)]


def fitted_limits(columns: list[list[Any]], pad_share: float,
                  fallback: tuple[float, float] = (0.0, 1.0)) -> tuple[float, float]:
    """Axis limits that fit the finite values of ``columns`` (the interval ends, and the
    points, which lie within them when they have one), widened by ``pad_share`` of their
    spread (of 1 for a single value) on either side.

    ``fallback`` when no value is finite: every row was blanked because it rests on fewer
    than ``report.min_cell`` respondents (``publish/privacy.py``), and matplotlib refuses
    NaN limits (a factsheet with a small group stopped with an internal error). The figure
    is then drawn empty on ``fallback``, with its row labels and their counts."""
    finite = [float(v) for column in columns for v in column
              if v is not None and math.isfinite(v)]
    if not finite:
        return fallback
    low, high = min(finite), max(finite)
    pad = pad_share * (high - low or 1)
    return low - pad, high + pad


def subplots(nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float],
             **kwargs: Any) -> tuple[Figure, Any]:
    """A figure with a grid of axes in the house style, as ``pyplot.subplots`` but without
    pyplot (no GUI backend, no global figure registry: cheaper to import, nothing to close).
    """
    import warnings

    from .matplotlib_import import import_matplotlib

    import_matplotlib()  # once per process: without matplotlib's property docstrings
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(STYLE)
    # a character the font lacks (an emoji, U+FFFF in an SPSS label) is drawn as a box, as in
    # any viewer; matplotlib's UserWarning about it, with our source lines, would land on the
    # terminal between the tables (the tables and CSVs carry the label as it is)
    warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from (current )?font",
                            category=UserWarning)
    fig = Figure(figsize=figsize, dpi=DPI)
    FigureCanvasAgg(fig)  # its one canvas: tight_layout and the PNG share its renderer
    return fig, fig.subplots(nrows, ncols, **kwargs)


def tight_layout(fig: Figure, rect: tuple[float, float, float, float]) -> None:
    """``fig.tight_layout(rect=rect)``, with each axes' tight box measured once.

    Given a ``rect``, matplotlib's tight layout (``_tight_layout.get_tight_layout_figure``)
    runs ``_auto_adjust_subplotpars`` twice, and each run measures the tight box of every
    axes (every tick label, title and text in it: half of the layout time of the Likert chart,
    0.07 s); nothing moves between the two runs (the subplots are adjusted after both, from
    the same positions), so the second measures the same boxes again. For the duration of the
    call, the box of each of the figure's axes is kept after its first measurement
    (``matplotlib.artist._get_tightbbox_for_layout_only``, which ``_tight_layout`` calls for
    each axes); where matplotlib has no such function, this is the plain call."""
    import matplotlib.artist as martist

    measure = getattr(martist, "_get_tightbbox_for_layout_only", None)
    if measure is None:  # pragma: no cover - matplotlib 3.10 has it
        fig.tight_layout(rect=rect)
        return
    axes = {id(ax) for ax in fig.axes}
    boxes: dict[int, Any] = {}

    def measured_once(obj: Any, *args: Any, **kwargs: Any) -> Any:
        if id(obj) not in axes or kwargs:  # what an axes measures inside: as always
            return measure(obj, *args, **kwargs)
        if id(obj) not in boxes:
            boxes[id(obj)] = measure(obj, *args)
        return boxes[id(obj)]

    martist._get_tightbbox_for_layout_only = measured_once
    try:
        fig.tight_layout(rect=rect)
    finally:
        martist._get_tightbbox_for_layout_only = measure


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
    do not each import it. When the command runs a figure process
    (:mod:`maatwerk_stats.publish.figure_process`, started before its analysis, matplotlib
    imported meanwhile: :data:`submit_job`), the drawing is a job of that process instead,
    and this process never imports matplotlib.

    The figure is drawn once on Agg for the PNG and its tight bounding box, which the SVG
    uses too (:func:`rasterise`; ``bbox_inches="tight"`` would lay the figure out again for
    each format); the PNG is encoded by :func:`encode_png`.
    """
    names = [f"{folder}/{stem}.png", f"{folder}/{stem}.svg"] if folder else [
        f"{stem}.png", f"{stem}.svg"]
    paths = [writer.path(name) for name in names]  # registered here, in this process
    if callable(fig):
        from functools import partial

        draw = fig
        # the run's figure process (publish/figure_process.py), if one runs, has matplotlib
        # loaded already
        finish = submit_job(partial(render_job, draw, *paths)) if submit_job else None
        if finish is not None:
            writer.defer(finish)
            return names
        preload_matplotlib()
        in_background(writer, lambda: render_files(draw(), paths[0], paths[1]))
    else:
        drawn = fig
        in_background(writer, lambda: render_files(drawn, paths[0], paths[1]))
    return names


# set while a figure process runs (publish/figure_process.py, which this module does not
# import): sends a drawing job to it, returning the writer's ``finish`` or None if not sent
submit_job: Callable[[Callable[[], None]], Callable[[bool], None] | None] | None = None


def render_job(draw: Callable[[], Figure], png: Path, svg: Path) -> None:
    """A drawing job for the figure process: draw the figure, write its PNG and SVG
    (:func:`render_files`)."""
    render_files(draw(), png, svg)


def preload_matplotlib() -> None:
    """Import the parts of matplotlib every figure needs (the figure, the Agg and SVG
    back ends) in this process, so that forked children start with them loaded (without
    matplotlib's property docstrings, its fonts read from memory: :mod:`.matplotlib_import`,
    :mod:`.matplotlib_fonts`)."""
    from .matplotlib_import import import_matplotlib

    import_matplotlib()
    from matplotlib.font_manager import findfont, get_font

    # the font file's bytes, read once for every child (which makes its own font objects from
    # them: matplotlib_fonts)
    get_font(findfont(STYLE["font.family"]))


def render_files(fig: Figure, png: Path, svg: Path) -> None:
    """The PNG and SVG of ``fig`` with one tight bounding box (see :func:`save_figure`).

    The PNG is encoded and written in a thread while this one draws the SVG: the encoding is
    numpy and zlib, which release the GIL, so it runs on the other core when that is free
    (the Likert chart: 0.09 s of its 0.67 s). The SVG is drawn by its own renderer into the
    box, which the pixels do not depend on (no layout engine, no "tight" box: ``savefig``
    does not draw on the Agg canvas again)."""
    import threading

    pixels, box = rasterise(fig)
    failed: list[BaseException] = []

    def write_png() -> None:
        try:
            png.write_bytes(encode_png(pixels))
        except BaseException as exc:  # raised in this thread below, as before
            failed.append(exc)

    worker = threading.Thread(target=write_png, name="encode_png")
    worker.start()
    try:
        fig.savefig(svg, bbox_inches=box, metadata={"Date": None, "Creator": None})
    finally:
        worker.join()
    if failed:
        raise failed[0]


def rasterise(fig: Figure, pad_inches: float | None = None) -> tuple[Any, Any]:
    """The pixels (rows × columns × RGBA, uint8) of ``fig`` at :data:`DPI` inside its tight
    bounding box padded by ``pad_inches`` (by default ``savefig.pad_inches``), and that box
    (inches, on whole pixels: the SVG uses the same box).

    The figure is drawn once, on its own Agg canvas (:func:`subplots` gives every figure one,
    at :data:`DPI`, so ``tight_layout`` measured the texts on the same renderer and its cached
    text metrics are reused), the tight box is measured on that drawn renderer, as
    ``savefig(bbox_inches="tight")`` measures it after its draw (and with the whole width of
    the axis labels, :func:`_axis_label_boxes`), and the box is cut out of the
    canvas; where the padding reaches beyond the figure it is the figure's background, as in
    a ``savefig`` canvas of the box. This replaces the three passes of ``savefig``'s way
    (measure the box, lay out again, draw the cropped canvas): the pixels of
    ``savefig(bbox_inches=box)``, but for a text line that may sit one pixel apart
    (matplotlib 3.10 puts each text on whole pixels, and its position in the cropped canvas
    can round the other way). Only where something is drawn beyond the figure (a title
    wider than it: the canvas cuts it off) is the figure drawn again, on ``savefig``'s canvas
    of the box.

    A figure laid out once by ``fig.tight_layout()`` keeps a placeholder layout engine, and
    ``savefig`` runs a whole extra layout pass (every text shaped again) for any figure with
    an engine; the layout is final here, so the placeholder is removed first (unless
    ``figure.autolayout`` or ``figure.constrained_layout.use`` would then lay it out anew)."""
    import math

    import matplotlib
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgba
    from matplotlib.layout_engine import PlaceHolderLayoutEngine
    from matplotlib.transforms import Bbox

    if isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine) and not (
            matplotlib.rcParams["figure.autolayout"]
            or matplotlib.rcParams["figure.constrained_layout.use"]):
        fig.set_layout_engine(None)  # no engine (None falls back to these two settings)
    pad = float(matplotlib.rcParams["savefig.pad_inches"]) if pad_inches is None \
        else pad_inches
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    dpi = fig.dpi
    fig.set_dpi(DPI)
    try:
        canvas.draw()
        renderer = canvas.get_renderer()
        tight = Bbox.union([fig.get_tightbbox(renderer), *_axis_label_boxes(fig, renderer)])
        canvas_pixels = np.asarray(renderer.buffer_rgba())
        height, width = canvas_pixels.shape[:2]
        # Agg's rows count down from the top of its int(height) canvas
        left, right = math.floor((tight.x0 - pad) * DPI), math.ceil((tight.x1 + pad) * DPI)
        top = math.floor(height - (tight.y1 + pad) * DPI)
        bottom = math.ceil(height - (tight.y0 - pad) * DPI)
        # a millionth of a pixel more, so that savefig's int(size × dpi) of the box is its
        # whole number of pixels, not one less when (right − left) / DPI × DPI rounds down
        over = 1e-6 / DPI
        box = Bbox.from_extents(left / DPI, (height - bottom) / DPI, right / DPI + over,
                                (height - top) / DPI + over)
        # the drawn part may reach a pixel beyond the figure's size only where that size is
        # not whole (Agg's canvas is int(size)): drawn beyond that, draw savefig's canvas
        reach = fig.bbox.width + 1, fig.bbox.height + 1
        if tight.x0 < 0 or tight.y0 < 0 or tight.x1 * DPI > reach[0] \
                or tight.y1 * DPI > reach[1]:
            return _savefig_pixels(fig, box), box
    finally:
        fig.set_dpi(dpi)
    if left >= 0 and top >= 0 and right <= width and bottom <= height:
        return canvas_pixels[top:bottom, left:right], box
    background = (np.round(np.array(to_rgba(fig.patch.get_facecolor())) * 255)
                  if fig.patch.get_visible() else np.array([255, 255, 255, 0]))
    return padded_crop(canvas_pixels, (top, bottom, left, right),
                       background.astype(np.uint8)), box


def padded_crop(canvas: Any, box: tuple[int, int, int, int], background: Any) -> Any:
    """The pixels of ``canvas`` (rows × columns × RGBA, uint8) in ``box`` (top, bottom, left,
    right: rows and columns; the box overlaps the canvas and may reach beyond it), as a new
    array with the RGBA ``background`` (4 × uint8) where the box lies beyond the canvas: what
    :func:`rasterise` cuts out when the padding reaches beyond the figure.

    The background is written only into the margins, one 4-byte item per pixel (a
    ``uint32`` view). Broadcasting the 4 bytes over the whole array first
    (``pixels[...] = background``, the code this replaces) ran numpy's inner loop over 4
    bytes at a time: 0.05–0.07 s CPU for the 3,263 × 2,067 pixels of the demo Likert chart,
    now about 0.01 s with the copy of the canvas."""
    import numpy as np

    top, bottom, left, right = box
    height, width = canvas.shape[:2]
    pixels = np.empty((bottom - top, right - left, 4), np.uint8)
    rows = slice(max(top, 0), min(bottom, height))
    columns = slice(max(left, 0), min(right, width))
    inner_rows = slice(rows.start - top, rows.stop - top)
    inner_columns = slice(columns.start - left, columns.stop - left)
    items = pixels.view(np.uint32)[..., 0]  # one item per pixel
    fill = np.ascontiguousarray(background, np.uint8).view(np.uint32)[0]
    items[:inner_rows.start] = fill
    items[inner_rows.stop:] = fill
    items[inner_rows, :inner_columns.start] = fill
    items[inner_rows, inner_columns.stop:] = fill
    pixels[inner_rows, inner_columns] = canvas[rows, columns]
    return pixels


def _axis_label_boxes(fig: Figure, renderer: Any) -> list[Any]:
    """The whole extent (inches) of every axis label: the axes' tight box counts an x label
    as one pixel at its centre, its height only (matplotlib's ``for_layout_only``), so a
    label wider than the space beside its axes was cut off at the figure's edge."""
    to_inches = fig.dpi_scale_trans.inverted()
    return [label.get_window_extent(renderer).transformed(to_inches)
            for ax in fig.axes if ax.get_visible() and ax.axison
            for label in (ax.xaxis.label, ax.yaxis.label)
            if label.get_visible() and label.get_text()]


def _savefig_pixels(fig: Figure, box: Any) -> Any:
    """The pixels of ``fig.savefig(format="rgba", bbox_inches=box)``, shaped as the renderer
    that drew them (the figure's Agg canvas keeps it: the size of the cropped canvas)."""
    import io

    import numpy as np

    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=DPI, bbox_inches=box)
    renderer = fig.canvas.renderer
    return np.frombuffer(buffer.getbuffer(), np.uint8).reshape(
        int(renderer.height), int(renderer.width), 4)


def encode_png(pixels: Any, dpi: int = DPI) -> bytes:
    """A PNG file of ``pixels`` (rows × columns × RGBA, uint8), in RGB when every pixel is
    opaque (the figures have a white background: the same pixels in a smaller file), with
    its resolution (pHYs) and nothing else: no software name, no date (the same figure gives
    the same bytes).

    Every row is filtered with PNG's "Up" filter (the difference with the row above: a
    figure's flat areas become zeros) and compressed by zlib at level 3, both in C over the
    whole image (``numpy.subtract`` of whole packed rows, :func:`_packed_rows`;
    ``zlib.compress``): the Likert chart 406 kB in 0.05 s of zlib,
    where Pillow's adaptive per-row filter choice gives 399 kB in 0.11 s (PNG specification,
    ISO/IEC 15948, sections 9 (filters) and 11 (chunks))."""
    import struct
    import zlib

    import numpy as np

    opaque = bool(pixels[..., 3].min() == 255)
    height, width = pixels.shape[:2]
    channels = 3 if opaque else 4
    rows = _packed_rows(pixels, channels)  # rows × (columns · channels), contiguous
    filtered = np.empty((height, width * channels + 1), np.uint8)
    filtered[:, 0] = 2  # filter type Up
    filtered[0, 1:] = rows[0]
    np.subtract(rows[1:], rows[:-1], out=filtered[1:, 1:])  # modulo 256

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    per_metre = round(dpi / 0.0254)
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)),
        chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        chunk(b"IDAT", zlib.compress(filtered, 3)),
        chunk(b"IEND", b"")])


def _packed_rows(pixels: Any, channels: int) -> Any:
    """The first ``channels`` bytes of each pixel of ``pixels`` (rows × columns × RGBA, uint8),
    packed: rows × (columns · channels), C-contiguous, so that the Up filter of
    :func:`encode_png` subtracts whole rows (one vectorised loop per row). Filtering the RGB
    channels straight out of the RGBA pixels (a view with 3 of every 4 bytes) ran numpy's
    inner loop over 3 bytes at a time: 0.12 s of the Likert chart's 0.19 s encoding. The RGB
    bytes are copied as one 3-byte item per pixel (a ``V3`` field of the 4-byte pixels), so
    the copy is one loop over the pixels too (0.02 s)."""
    import numpy as np

    height, width = pixels.shape[:2]
    if pixels.strides[1:] != (4, 1):  # not 4-byte pixels side by side: make them so
        pixels = np.ascontiguousarray(pixels)
    rows = np.empty((height, width * channels), np.uint8)
    if channels == 4:
        rows.reshape(height, width, 4)[...] = pixels
        return rows
    rgb = np.dtype({"names": ["rgb"], "formats": ["V3"], "offsets": [0], "itemsize": 4})
    np.copyto(rows.view("V3"), pixels.view(rgb)[..., 0]["rgb"])
    return rows


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
    import gc
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
            gc.freeze()  # its collections skip the inherited heap (figure_process._serve)
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
    return encode_png(rasterise(fig, pad_inches=0.02)[0])


def printed_width_cm(png: bytes, dpi: int = 300) -> float:
    """The width (cm) at which a PNG of :func:`figure_png` shows at the size it was drawn:
    its pixel width (PNG IHDR, bytes 16–19) at ``dpi``, so 8 pt text prints as 8 pt."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return round(int.from_bytes(png[16:20], "big") / dpi * 2.54, 3)
