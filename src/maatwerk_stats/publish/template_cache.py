"""Compiled templates kept between runs: jinja2's ``FileSystemBytecodeCache`` in the user's
cache folder.

Compiling the factsheet template (lexing, parsing and generating its Python code) costs about
0.1 s a run; loading the compiled code a millisecond. Jinja keys each cached file by the
template's name, and uses it only when the SHA-1 of the template source and the Python version
it was compiled under still match, so an edited template or another Python is compiled anew.
Only compiled template code is kept there, never data or results.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

CACHE_FOLDER = ("maatwerk-stats", "jinja2")


def template_cache_folder() -> Path:
    """``$XDG_CACHE_HOME`` (else ``~/.cache``) / maatwerk-stats / jinja2."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base).joinpath(*CACHE_FOLDER)


def bytecode_cache() -> Any:
    """A jinja2 bytecode cache in :func:`template_cache_folder` (created private to the user,
    0700), or None when that folder cannot be created or written. A cached file that cannot
    be read, or a cache that cannot be written (a full disk, a read-only home), is no
    error: the template is compiled as without a cache."""
    from jinja2 import FileSystemBytecodeCache

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged or unreadable file: compiled anew
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    folder = template_cache_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        return None
    return QuietCache(str(folder))
