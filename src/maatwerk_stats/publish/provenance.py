"""What ``results.json`` says about how a result was made."""

from __future__ import annotations

import contextlib
import dataclasses
import platform
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..config import StudyConfig

DEPENDENCIES = ("numpy", "pandas", "scipy", "statsmodels", "matplotlib", "pyreadstat",
                "openpyxl", "jinja2", "python-docx", "lxml")


def dependency_versions() -> dict[str, str]:
    """The installed version of each of :data:`DEPENDENCIES` that is installed, as
    ``importlib.metadata.version`` gives it (:func:`installed_versions`)."""
    return installed_versions(DEPENDENCIES)


def installed_versions(names: Iterable[str]) -> dict[str, str]:
    """``{name: importlib.metadata.version(name)}`` for each of ``names`` that is installed,
    read the way ``importlib.metadata`` finds it, without importing it: the first
    ``NAME-….dist-info`` or ``.egg-info`` folder (names compared as ``Prepared.normalize``
    does: runs of ``-_.`` one ``_``, lower case) in the first ``sys.path`` folder that has
    one, in ``os.listdir`` order, and the ``Version`` header of its ``METADATA`` (else
    ``PKG-INFO``). Importing ``importlib.metadata`` (``email``, ``socket``, ``zipfile`` …) and
    parsing the whole ``METADATA`` of ten packages with the ``email`` parser cost 0.017–0.033 s
    of CPU in every command that writes ``results.json``; this costs 0.001 s. Where the
    search is not that simple (another finder on ``sys.meta_path`` that finds
    distributions, a zip file or ``.egg`` folder on ``sys.path`` before the folder found,
    a header block the ``email`` parser would read differently), the name is looked up with
    ``importlib.metadata`` itself. ``tests/test_provenance_versions.py`` compares the two
    on every installed distribution and on made-up folders."""
    import importlib.machinery
    import os
    import sys

    names = list(names)
    wanted = {_normalized(name): name for name in names}  # one look-up per normalized name
    versions: dict[str, str] = {}  # by normalized name, as below
    hard: set[str] = set()  # what importlib.metadata looks up itself
    if any(finder is not importlib.machinery.PathFinder
           and getattr(finder, "find_distributions", None) is not None
           for finder in sys.meta_path):
        hard = set(wanted)
    for entry in sys.path:
        if len(versions) + len(hard) >= len(wanted):
            break
        folder = entry or "."
        try:
            children = os.listdir(folder)
        except OSError:
            children = None
        if children is None and not os.path.exists(folder):
            continue
        if children is None or os.path.basename(entry).lower().endswith(".egg"):
            hard |= set(wanted) - set(versions)  # a zip file or an egg: importlib.metadata
            continue
        for child in children:
            low = child.lower()
            if not low.endswith((".dist-info", ".egg-info")):
                continue
            key = _normalized(low.rpartition(".")[0].partition("-")[0])
            if key not in wanted or key in versions or key in hard:
                continue
            version = _version_header(os.path.join(folder, child))
            if version is None:
                hard.add(key)
            else:
                versions[key] = version
    found = {name: versions[key] for name in names if (key := _normalized(name)) in versions}
    if hard:  # each name itself: an egg's name is compared otherwise (legacy_normalize)
        from importlib import metadata

        for name in names:
            if _normalized(name) in hard:
                with contextlib.suppress(metadata.PackageNotFoundError):
                    found[name] = metadata.version(name)
    return {name: found[name] for name in names if name in found}


def _normalized(name: str) -> str:
    """``importlib.metadata.Prepared.normalize``: PEP 503 with underscores."""
    import re

    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _version_header(info: str) -> str | None:
    """The ``Version`` header of the metadata file in the ``.dist-info``/``.egg-info``
    folder ``info`` (``METADATA``, else ``PKG-INFO``, as ``PathDistribution.metadata`` reads
    them), as the ``email`` parser gives it; None where that needs the parser itself (no
    such file, a continuation line, a line that is not a header, no ``Version``)."""
    import os
    import re

    # email.feedparser's headerRE without its "From " and continuation-line cases
    header = re.compile(r"[\x21-\x39\x3b-\x7e]*:")
    for file_name in ("METADATA", "PKG-INFO"):
        path = os.path.join(info, file_name)
        if not os.path.isfile(path):
            continue
        try:
            with open(path, encoding="utf-8") as metadata_file:
                line = metadata_file.readline()
                while header.match(line) is not None:  # else the headers end, or not simply
                    key, _, value = line.partition(":")
                    line = metadata_file.readline()
                    if key.lower() == "version":
                        if line[:1] in (" ", "\t"):  # folded: the parser joins the lines
                            return None
                        return value.lstrip(" \t").rstrip("\r\n")
        except (OSError, UnicodeDecodeError):
            return None
        return None
    return None


def config_record(config: StudyConfig | None) -> dict[str, Any] | None:
    """The config as the user wrote it, or, when inferred, the inferred scales."""
    if config is None:
        return None
    if config.raw:
        return {"path": str(config.path) if config.path else None, "content": dict(config.raw)}
    scales = {name: {k: v for k, v in dataclasses.asdict(scale).items() if k != "name"}
              for name, scale in config.scales.items()}
    return {"path": None, "inferred": True, "content": {"study": {"id": config.id},
                                                        "scales": scales}}


def provenance(command: str, inputs: Iterable[Any], config: StudyConfig | None,
               options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Inputs (path, SHA-256, how read), config, options and software versions."""
    records = []
    for item in inputs:
        if hasattr(item, "provenance"):
            records.append(item.provenance())
        else:
            from ..io.read import sha256_of

            records.append({"path": str(item), "sha256": sha256_of(Path(item))})
    return {
        "command": command,
        "package": "maatwerk-stats",
        "version": __version__,
        "inputs": records,
        "config": config_record(config),
        "options": dict(options or {}),
        "python": platform.python_version(),
        "dependencies": dependency_versions(),
    }
