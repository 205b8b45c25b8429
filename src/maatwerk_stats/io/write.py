"""Write outputs all-or-nothing.

Every command stages its files in a hidden temporary directory beside ``--out`` and moves them
into place only when all of them were written, so a failing run leaves no half-written output.
A run never writes over one of its own input files.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import OutputError, param


def check_not_input(target: Path, inputs: Iterable[Path], what: str = "output") -> None:
    """Refuse to write ``target`` when it is one of the input files."""
    resolved = target.resolve()
    for source in inputs:
        if Path(source).resolve() == resolved:
            raise OutputError(f"{what} {target} is one of the input files; choose another "
                              "name so the input stays untouched.")


class OutputWriter:
    """Collect a command's output files in a staging directory; move them into ``out_dir``
    on :meth:`commit`.

    Use as a context manager: leaving the block with an exception removes the staging
    directory and leaves ``out_dir`` as it was.
    """

    def __init__(self, out_dir: str | Path, inputs: Iterable[Path] = (),
                 refuse_input_dir: bool = False) -> None:
        self.out_dir = Path(out_dir)
        self.inputs = [Path(p) for p in inputs]
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError(f"{param('out')} {self.out_dir} is a file, not a directory; choose a "
                              "directory for the outputs.")
        if refuse_input_dir:
            out = self.out_dir.resolve()
            for source in self.inputs:
                if out == source.resolve().parent or out in source.resolve().parents:
                    raise OutputError(
                        f"{param('out')} {self.out_dir} contains the input {source}; write the "
                        "outputs "
                        "to a directory of their own (e.g. out/)."
                    )
        parent = self.out_dir.resolve().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}-", dir=parent))
        except OSError as exc:
            raise OutputError(f"cannot write to {self.out_dir}: {exc.strerror}. Choose "
                              f"another {param('out')} directory.") from exc
        self.files: list[str] = []

    # -- staging ------------------------------------------------------------------------
    def path(self, name: str) -> Path:
        """The staging path for output ``name`` (a relative path such as ``figures/x.png``)."""
        target = self.out_dir / name
        check_not_input(target, self.inputs)
        staged = self.staging / name
        staged.parent.mkdir(parents=True, exist_ok=True)
        if name not in self.files:
            self.files.append(name)
        return staged

    def read_bytes(self, name: str) -> bytes:
        """The content of an output already staged (e.g. a figure to embed elsewhere)."""
        return (self.staging / name).read_bytes()

    def write_text(self, name: str, text: str) -> None:
        self.path(name).write_text(text, encoding="utf-8", newline="\n")

    def write_bytes(self, name: str, data: bytes) -> None:
        self.path(name).write_bytes(data)

    def write_csv(self, name: str, table: Any) -> None:
        """UTF-8 CSV, header row, ``.`` decimals, full precision (the output contract)."""
        table.to_csv(self.path(name), index=False, lineterminator="\n", encoding="utf-8")

    def write_json(self, name: str, data: Any) -> None:
        self.write_text(name, dumps_json(data) + "\n")

    # -- commit -------------------------------------------------------------------------
    def commit(self) -> list[Path]:
        """Move every staged file into ``out_dir``; return their final paths."""
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            written = []
            for name in self.files:
                target = self.out_dir / name
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.staging / name, target)
                written.append(target)
        except OSError as exc:
            raise OutputError(f"cannot write to {self.out_dir}: {exc.strerror}.") from exc
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
        return written

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> OutputWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is not None:
            self.discard()
        elif self.staging.exists():
            self.commit()


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``path`` via a temporary file in the same directory, so it is never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def to_jsonable(value: Any) -> Any:
    """Tables and numpy scalars as plain JSON values; NaN and infinities become null."""
    import numpy as np
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return [to_jsonable(r) for r in value.to_dict(orient="records")]
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def dumps_json(data: Any) -> str:
    return json.dumps(to_jsonable(data), ensure_ascii=False, indent=2, allow_nan=False)
