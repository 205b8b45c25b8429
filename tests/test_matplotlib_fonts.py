"""``report.figures.matplotlib_fonts``: matplotlib's fonts read their files from memory. FreeType
gets the same bytes, so every metric, glyph, bitmap and outline is the same as from the file
(hypothesis), and so are the PNG and SVG of a figure; the private parts of the pinned
matplotlib (3.10.9) that this relies on are checked here, so a change of them fails."""

from __future__ import annotations

import inspect
import io
import itertools
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.report.figures import matplotlib_fonts
from maatwerk_stats.report.figures.matplotlib_fonts import FontFile, read_fonts_from_memory
from maatwerk_stats.report.figures.plotting import STYLE, render_files, subplots


def font_paths() -> list[str]:
    from matplotlib.font_manager import FontProperties, findfont

    return [findfont(FontProperties(family=STYLE["font.family"], weight=weight))
            for weight in ("normal", "bold")]


def test_matplotlib_get_font_is_what_is_replaced():
    """The private function replaced is matplotlib 3.10.9's: a cache of 64 fonts keyed by
    these arguments, emptied in a forked child (``os.register_at_fork``); ``get_font`` calls
    it by its module name."""
    from matplotlib import font_manager

    read_fonts_from_memory()
    original = font_manager._get_font.matplotlib_get_font
    assert list(inspect.signature(original).parameters) == [
        "font_filepaths", "hinting_factor", "_kerning_factor", "thread_id"]
    assert original.cache_parameters()["maxsize"] == 64
    assert "_get_font(" in inspect.getsource(font_manager.get_font)
    source = inspect.getsource(font_manager)
    assert "os.register_at_fork(after_in_child=_get_font.cache_clear)" in source
    ours = font_manager._get_font
    assert list(inspect.signature(ours).parameters) == list(
        inspect.signature(original).parameters)
    read_fonts_from_memory()  # once per process
    assert font_manager._get_font is ours


def test_get_font_gives_fonts_that_read_memory_named_as_their_file(monkeypatch):
    """Every font of ``get_font`` is named by its file's path (``fname``) and, once the file
    was read, made without opening it again."""
    from matplotlib import font_manager

    read_fonts_from_memory()
    path = font_paths()[0]
    font_manager._get_font.cache_clear()
    first = font_manager.get_font(path)
    assert first.fname == path and isinstance(first.fname, str)
    opened: list[str] = []
    real_open = io.open

    def counting_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr("builtins.open", counting_open)
    font_manager._get_font.cache_clear()
    again = font_manager.get_font(path)
    assert again is not first and again.fname == path
    assert again.postscript_name == first.postscript_name == "DejaVuSans"
    assert opened == []
    # matplotlib's own function opens the file (what is saved)
    font_manager._get_font.matplotlib_get_font.cache_clear()
    font_manager._get_font.matplotlib_get_font(
        (path,), 8, _kerning_factor=0, thread_id=0)
    assert opened == [path]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork: POSIX only")
def test_a_forked_child_makes_its_own_fonts():
    """As matplotlib's own cache: a forked child does not use its parent's font objects."""
    from matplotlib import font_manager

    read_fonts_from_memory()
    font_manager.get_font(font_paths()[0])
    assert font_manager._get_font.cache_info().currsize >= 1
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os._exit(0 if font_manager._get_font.cache_info().currsize == 0 else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


TEXT = st.text(st.sampled_from([*"aAbgjkqyWT0123456789 ,.;:()%=-–€éóöëÄØ/\n\t?", "\u2603",
                                "\U0001F600", "\uffff"]), max_size=24)


@settings(max_examples=60, deadline=None)
@given(text=TEXT, size=st.sampled_from([6.5, 7, 8.5, 9, 10, 100]),
       dpi=st.sampled_from([72, 100, 300]), bold=st.booleans(),
       flags=st.sampled_from(["FORCE_AUTOHINT", "NO_HINTING", "DEFAULT"]),
       angle=st.sampled_from([0.0, 90.0]))
def test_a_font_from_memory_lays_out_and_draws_as_from_its_file(text, size, dpi, bold,
                                                                flags, angle):
    """Any text (glyphs the font lacks too), at the sizes and resolutions of the figures and
    of the SVG's text as paths, with each hinting: the same positions, box, descent, bitmap,
    kerning and glyph outlines from memory as from the file."""
    import warnings

    from matplotlib.ft2font import FT2Font, Kerning, LoadFlags

    path = font_paths()[bold]
    fonts = [FT2Font(path, 8), FT2Font(FontFile(path), 8)]
    load = LoadFlags[flags]
    seen = []
    for font in fonts:
        font.set_size(size, dpi)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            xys = font.set_text(text, angle, flags=load)
        font.draw_glyphs_to_bitmap(antialiased=True)
        indices = [font.get_char_index(ord(char)) for char in text]
        outlines = []
        for index in indices:
            glyph = font.load_glyph(index, flags=LoadFlags.NO_HINTING)
            vertices, codes = font.get_path()
            outlines.append((glyph.linearHoriAdvance, glyph.width, glyph.height,
                             vertices.tobytes(), codes.tobytes()))
        kerning = [font.get_kerning(a, b, Kerning.DEFAULT)
                   for a, b in itertools.pairwise(indices)]
        seen.append((np.asarray(xys).tobytes(), font.get_width_height(), font.get_descent(),
                     font.get_bitmap_offset(), np.asarray(font.get_image()).tobytes(),
                     indices, outlines, kerning))
    assert seen[0] == seen[1]


def a_figure():
    fig, ax = subplots(figsize=(4, 3))
    ax.barh([0, 1, 2], [30, 50, 20], left=[-10, 20, 70])
    ax.set_yticks([0, 1, 2], ["één", "twee (n = 12)", "drie – € 1,5"])
    ax.set_title("Gemiddelde Äq", fontweight="bold")
    ax.text(0, 1, "klein", fontsize=6.5, rotation=90)
    ax.set_xlabel("Verschil (na − vóór)")
    fig.tight_layout()
    return fig


def test_a_figure_from_memory_fonts_is_the_same_bytes(tmp_path, monkeypatch):
    """The PNG and SVG (text as paths) of a figure with regular, bold, small and rotated text:
    the same bytes with matplotlib's own fonts (read from the files) as with these."""
    from matplotlib import font_manager

    read_fonts_from_memory()
    ours, theirs = font_manager._get_font, font_manager._get_font.matplotlib_get_font
    ours.cache_clear()
    render_files(a_figure(), tmp_path / "memory.png", tmp_path / "memory.svg")
    assert ours.cache_info().currsize == 2  # regular and bold, from memory
    monkeypatch.setattr(font_manager, "_get_font", theirs)
    monkeypatch.setattr(matplotlib_fonts, "read_fonts_from_memory", lambda: None)  # subplots'
    theirs.cache_clear()
    render_files(a_figure(), tmp_path / "file.png", tmp_path / "file.svg")
    assert theirs.cache_info().currsize == 2  # from the files
    for ext in ("png", "svg"):
        assert (tmp_path / f"memory.{ext}").read_bytes() == (tmp_path / f"file.{ext}").read_bytes()

