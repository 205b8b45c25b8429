"""What ``results.json`` says about how a result was made."""

from __future__ import annotations

import dataclasses
import platform
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..config import StudyConfig

DEPENDENCIES = ("numpy", "pandas", "scipy", "statsmodels", "matplotlib", "pyreadstat",
                "openpyxl", "jinja2", "python-docx", "lxml")


def dependency_versions() -> dict[str, str]:
    versions = {}
    for name in DEPENDENCIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


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
