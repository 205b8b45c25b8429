"""matplotlib's font objects read their font file from memory instead of through a file.

matplotlib (3.10) opens each font file with Python's ``open`` and gives FreeType a stream
whose every read calls that file object's ``seek`` and ``read`` (``ft2font_wrapper.cpp``,
``read_from_file_callback``). FreeType reads the glyph data each time it loads a glyph, and
every text is laid out glyph by glyph, each time it is measured or drawn: by ``set_text``
(Agg: once to measure, once to draw; SVG: once to measure) and by ``load_glyph`` (SVG text as
paths, ``_text_helpers.layout``). Through the file that is an ``lseek`` and a ``read``
system call per read: about 20,000 ``lseek`` calls for 3,500 characters, 9–14 µs of the
12–18 µs each character costs; from memory (``io.BytesIO``) 2.4–3.6 µs. The demo Likert
chart lays out about 5,000 characters.

:func:`read_fonts_from_memory` replaces ``font_manager._get_font`` (which ``get_font``, and so
every renderer, calls for its ``FT2Font``) by the same cached function that gives each
``FT2Font`` an in-memory copy of its file (:class:`FontFile`: its name and the file's bytes,
read once per process by ``io.font_files`` and shared by the forked figure children).
FreeType gets the same bytes, so every glyph, metric, PNG and SVG is the same
(``tests/test_matplotlib_fonts.py``).
``FT2Font.fname`` is the file's path as before (``str`` of the file object: the name).

The private names relied on here (``font_manager._get_font``, its arguments, and that
matplotlib empties its cache in a forked child) are those of the pinned matplotlib
(``requirements.lock``: 3.10.9); the tests fail if they change.
"""

from __future__ import annotations

import functools
import io
import os
from typing import Any


class FontFile(io.BytesIO):
    """A font file's bytes as a binary file object named as the file: what ``FT2Font`` reads
    instead of the file (``FT2Font.fname`` is ``str`` of a file object it was given)."""

    def __init__(self, path: str) -> None:
        from ...io.font_files import font_bytes

        super().__init__(font_bytes(path))
        self.name = path

    def __str__(self) -> str:
        return self.name


def read_fonts_from_memory() -> None:
    """Make ``matplotlib.font_manager.get_font`` give ``FT2Font`` objects that read their
    files from memory (see the module's docstring); once per process."""
    from matplotlib import font_manager

    if getattr(font_manager._get_font, "reads_from_memory", False):
        return
    ours = _fonts_from_memory()
    ours.matplotlib_get_font = font_manager._get_font  # type: ignore[attr-defined]  (tests)
    font_manager._get_font = ours
    if hasattr(os, "register_at_fork"):  # as matplotlib empties its own cache in a child
        os.register_at_fork(after_in_child=font_manager._get_font.cache_clear)


def _fonts_from_memory() -> Any:
    """``font_manager._get_font`` of matplotlib 3.10.9 (an ``lru_cache`` of 64 fonts, keyed
    by the same arguments), with each file given as a :class:`FontFile`."""
    from matplotlib import ft2font

    @functools.lru_cache(64)
    def _get_font(font_filepaths: tuple[str, ...], hinting_factor: int, *,
                  _kerning_factor: int, thread_id: int) -> Any:
        first_fontpath, *rest = font_filepaths
        return ft2font.FT2Font(
            _in_memory(first_fontpath), hinting_factor,
            _fallback_list=[ft2font.FT2Font(_in_memory(fpath), hinting_factor,
                                            _kerning_factor=_kerning_factor)
                            for fpath in rest],
            _kerning_factor=_kerning_factor)

    _get_font.reads_from_memory = True  # type: ignore[attr-defined]
    return _get_font


def _in_memory(path: Any) -> Any:
    """``path`` as a :class:`FontFile`; a path given as bytes (``fname`` would be bytes) is
    left to matplotlib's own file."""
    return FontFile(path) if isinstance(path, str) else path
