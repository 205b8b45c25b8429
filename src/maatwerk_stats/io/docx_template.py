"""The parts of python-docx's default Word template (``docx/templates/default.docx``), read
without importing python-docx (its import and object model cost more than the factsheet's
whole Word file: :mod:`maatwerk_stats.report.docx_package`).

The template is found through the import system (``importlib.util.find_spec``, which locates
the installed package without running its ``__init__``), so the factsheet's styles, theme and
numbering stay exactly those python-docx ships: the same document as before, part for part.
"""

from __future__ import annotations

import functools
import importlib.util
import zipfile
from pathlib import Path


def template_folder() -> Path:
    """``docx/templates`` of the installed python-docx."""
    spec = importlib.util.find_spec("docx")  # a dependency (pyproject.toml)
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


@functools.cache
def default_parts() -> dict[str, bytes]:
    """Every member of python-docx's ``default.docx``, by name, in the archive's order."""
    with zipfile.ZipFile(template_folder() / "default.docx") as archive:
        return {name: archive.read(name) for name in archive.namelist()}
