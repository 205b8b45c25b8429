"""Write outputs all-or-nothing.

Every command stages its files in a hidden temporary directory beside ``--out`` and moves them
into place only when all of them were written, so a failing run leaves no half-written output:

- before anything is moved, every target is checked (a directory where a file must go, a file
  where a directory must go, a target that is an input): one clear error, nothing changed;
- files that already exist are set aside first and put back if a move fails, so ``--out``
  holds either the old set or the new one;
- a rerun of the same command into the same ``--out`` **replaces that command's output set**:
  files the previous run of the command wrote (listed in ``.maatwerk-stats.json``) and this
  run does not are removed, so no stale table (e.g. ``compare_ordinal.csv`` of an earlier
  ``--ordinal`` run) sits beside fresh ones. Files of other commands and the user's own files
  are never touched;
- staging folders left by a killed run (``.OUT-PID-XXXX`` of a process that no longer runs)
  are removed by the next run; a run killed (SIGKILL, a power cut) while it moved its files
  into place is undone by that next run first: a journal written before the first move
  (``commit.json`` in the staging folder, removed after the last) says which targets got a
  new file and where the old one was set aside, so ``--out`` holds the old set again;
- SIGINT, SIGTERM and SIGHUP are held back while the files move (a signal during the moves
  takes effect right after them), so a stop from outside never leaves half a set either
  (the CLI turns SIGTERM and SIGHUP into a clean stop: ``cli/signals.py``).

Files outside ``--out`` that a command writes on request (``--save-config``, ``--write-sav``)
are staged and committed with the same guarantees (:meth:`OutputWriter.extra`). A run never
writes over one of its own input files.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import OutputError, param

MANIFEST = ".maatwerk-stats.json"


def check_not_input(target: Path, inputs: Iterable[Path], what: str = "output") -> None:
    """Refuse to write ``target`` when it is one of the input files."""
    resolved = target.resolve()
    for source in inputs:
        if Path(source).resolve() == resolved:
            raise OutputError(
                en=f"{what} {target} is one of the input files; choose another name so the "
                   "input stays untouched.",
                nl=f"{'uitvoer' if what == 'output' else what} {target} is een van de "
                   "invoerbestanden; kies een andere naam, zodat de invoer onaangeroerd "
                   "blijft.")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - someone else's process
        return True
    return True


def _remove_dead_staging(parent: Path, name: str) -> None:
    """Staging folders ``.NAME-PID-XXXX`` of runs that were killed; a commit that was cut
    short is undone first (:func:`_undo_moves`)."""
    for folder in parent.glob(f".{name}-*-*"):
        pid = folder.name[len(name) + 2:].split("-", 1)[0]
        if folder.is_dir() and pid.isdecimal() and not _process_alive(int(pid)):
            journal = folder / JOURNAL
            if journal.is_file():
                try:
                    planned = json.loads(journal.read_text(encoding="utf-8"))
                    _undo_moves([tuple(path and parent / path for path in entry)
                                 for entry in planned])
                except (OSError, ValueError, TypeError) as exc:
                    raise OutputError(
                        en=f"a run into {parent / name} was stopped while it moved its files "
                           f"and cannot be undone ({exc}); its files are kept in {folder}. "
                           "Move back what you need, then remove that folder.",
                        nl=f"een opdracht die naar {parent / name} schreef, is gestopt "
                           "terwijl die de bestanden verplaatste, en kan niet ongedaan "
                           f"gemaakt worden ({exc}); de bestanden staan nog in {folder}. Zet "
                           "terug wat nodig is en verwijder daarna die map.") from None
            shutil.rmtree(folder, ignore_errors=True)


JOURNAL = "commit.json"
HELD_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                     if hasattr(signal, name))


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the block is done (POSIX; elsewhere a no-op)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _journal(planned: list[tuple[Any, ...]], parent: Path) -> str:
    """The steps of a commit as JSON, every path relative to ``parent`` (the folder of the
    staging folder and of ``--out``): the journal still holds when that folder is moved or
    mounted elsewhere before the next run."""
    return json.dumps([[path and os.path.relpath(path.absolute(), parent.absolute())
                        for path in entry] for entry in planned], indent=1)


def _undo_moves(planned: list[tuple[Any, ...]]) -> None:
    """Put back what the steps ``(staged, target, backup, copy)`` of a commit did, last step
    first: a target whose staged file is gone holds the new file (removed), a backup that
    exists is the old file (moved back), a half-made cross-device copy is removed. A stale
    file (``staged`` None) was only set aside."""
    for staged, target, backup, copy in reversed(planned):
        copy.unlink(missing_ok=True)
        if staged is not None and not staged.exists() and target.is_file():
            target.unlink()
        if backup.is_file():
            os.replace(backup, target)


class OutputWriter:
    """Collect a command's output files in a staging directory; move them into ``out_dir``
    on :meth:`commit` (see the module docstring for the guarantees).

    Use as a context manager: leaving the block with an exception removes the staging
    directory and leaves ``out_dir`` as it was. ``command`` names the output set that a
    rerun replaces; without it nothing is ever removed.
    """

    def __init__(self, out_dir: str | Path, inputs: Iterable[Path] = (),
                 refuse_input_dir: bool = False, command: str | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.inputs = [Path(p) for p in inputs]
        self.command = command
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError(
                en=f"{param('out')} {self.out_dir} is a file, not a directory; choose a "
                   "directory for the outputs.",
                nl=f"{param('out')} {self.out_dir} is een bestand, geen map; kies een map voor "
                   "de uitvoer.")
        out = self.out_dir.resolve()
        for source in self.inputs:
            if source.resolve() == out:
                raise OutputError(
                    en=f"{param('out')} {self.out_dir} is one of the inputs; choose a "
                       "directory of its own for the outputs.",
                    nl=f"{param('out')} {self.out_dir} is een van de invoerbestanden; kies een "
                       "eigen map voor de uitvoer.")
        if refuse_input_dir:
            for source in self.inputs:
                if out == source.resolve().parent or out in source.resolve().parents:
                    raise OutputError(
                        en=f"{param('out')} {self.out_dir} contains the input {source}; write "
                           "the outputs to a directory of their own (e.g. out/).",
                        nl=f"{param('out')} {self.out_dir} bevat het invoerbestand {source}; "
                           "schrijf de uitvoer naar een eigen map (bijvoorbeeld out/).")
        parent = out.parent
        staging: Path | None = None
        try:
            parent.mkdir(parents=True, exist_ok=True)
            _remove_dead_staging(parent, self.out_dir.name)
            with _signals_held():  # a stop right after it would not find the folder
                staging = self.staging = Path(tempfile.mkdtemp(
                    prefix=f".{self.out_dir.name}-{os.getpid()}-", dir=parent))
        except OSError as exc:
            raise OutputError(
                en=f"cannot write to {self.out_dir}: {exc.strerror}. Choose another "
                   f"{param('out')} directory.",
                nl=f"kan niet schrijven naar {self.out_dir}: {exc.strerror}. Kies een andere "
                   f"map met {param('out')}.") from exc
        except BaseException:  # a signal held back above, arriving now
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            raise
        self.files: list[str] = []
        self._extras: dict[Path, str] = {}  # final path outside out_dir → staged name
        self._pending: list[Callable[[bool], None]] = []  # files still being written

    # -- work in the background -----------------------------------------------------------
    def defer(self, finish: Callable[[bool], None]) -> None:
        """Register ``finish`` for a staged file being written in the background (a figure
        rendered in a child process): ``finish(True)`` waits for it and completes it if the
        background work failed, ``finish(False)`` only waits. Called before a file is read
        (:meth:`read_bytes`), committed or discarded."""
        self._pending.append(finish)

    @contextlib.contextmanager
    def collect_deferred(self) -> Iterator[list[Callable[[bool], None]]]:
        """The ``finish`` functions deferred inside the block (the figures started there),
        so that :meth:`read_bytes` can wait for those alone (``only``)."""
        start = len(self._pending)
        collected: list[Callable[[bool], None]] = []
        try:
            yield collected
        finally:
            collected.extend(self._pending[start:])

    def finish_pending(self, complete: bool = True,
                       only: Iterable[Callable[[bool], None]] | None = None) -> None:
        """Wait for everything deferred, in order (``only``: for those of it alone); the
        first failure is raised after all have finished."""
        if only is not None:
            chosen = [finish for finish in only if finish in self._pending]
            self._pending = [finish for finish in self._pending if finish not in chosen]
            pending = chosen
        else:
            pending, self._pending = self._pending, []
        error: BaseException | None = None
        for finish in pending:
            try:
                finish(complete)
            except BaseException as exc:  # re-raised below, after the others
                error = error or exc
        if error is not None:
            raise error

    # -- staging ------------------------------------------------------------------------
    def path(self, name: str) -> Path:
        """The staging path for output ``name`` (a relative path such as ``figures/x.png``)."""
        target = self.out_dir / name
        check_not_input(target, self.inputs)
        staged = self.staging / "out" / name
        staged.parent.mkdir(parents=True, exist_ok=True)
        if name not in self.files:
            self.files.append(name)
        return staged

    def extra(self, target: Path, what: str) -> Path:
        """The staging path for a file outside ``out_dir`` (``what``: the option that asked
        for it, e.g. ``--save-config``), committed together with the rest."""
        check_not_input(target, self.inputs, what)
        resolved = target.resolve()
        if resolved == self.out_dir.resolve() or resolved in self.out_dir.resolve().parents:
            raise OutputError(
                en=f"{what} {target} is where {param('out', self.out_dir)} goes; give a file "
                   f"name of its own (e.g. inside {self.out_dir}).",
                nl=f"{what} {target} is de map van {param('out', self.out_dir)} of een map "
                   f"daarboven; geef een eigen bestandsnaam (bijvoorbeeld in {self.out_dir}).")
        if target.exists() and target.is_dir():
            raise OutputError(en=f"{what} {target} is a directory; give a file name.",
                              nl=f"{what} {target} is een map; geef een bestandsnaam.")
        check_file_target(target, what)
        staged = self.staging / "extra" / str(len(self._extras)) / target.name
        staged.parent.mkdir(parents=True, exist_ok=True)
        self._extras[target] = str(staged.relative_to(self.staging))
        return staged

    def read_bytes(self, name: str,
                   only: Iterable[Callable[[bool], None]] | None = None) -> bytes:
        """The content of an output already staged (e.g. a figure to embed elsewhere), once
        everything deferred is done (``only``: once those of it that write ``name`` are,
        from :meth:`collect_deferred`; the rest goes on in the background)."""
        self.finish_pending(only=only)
        return (self.staging / "out" / name).read_bytes()

    def write_text(self, name: str, text: str) -> None:
        self.path(name).write_text(text, encoding="utf-8", newline="\n")

    def write_bytes(self, name: str, data: bytes) -> None:
        self.path(name).write_bytes(data)

    def write_csv(self, name: str, table: Any) -> None:
        """UTF-8 CSV, header row, ``.`` decimals, full precision (the output contract);
        text cells that a spreadsheet would run as a formula are neutralised
        (:func:`neutralise_formulas`), and a carriage return in a text cell becomes a line
        break (pandas does not quote a lone ``\\r``, which would split the row)."""
        from .csv_fast import plain_numeric, write_numeric_csv

        if plain_numeric(table) and neutralise_formulas(table) is table:
            # a long all-numeric table (scores.csv) whose names need no apostrophe
            write_numeric_csv(self.path(name), table)
            return
        neutralise_formulas(_unix_newlines(table)).to_csv(
            self.path(name), index=False, lineterminator="\n", encoding="utf-8")

    def write_json(self, name: str, data: Any) -> None:
        self.write_text(name, dumps_json(data) + "\n")

    # -- commit -------------------------------------------------------------------------
    def _moves(self) -> list[tuple[Path, Path]]:
        moves = [(self.staging / "out" / name, self.out_dir / name) for name in self.files]
        moves += [(self.staging / staged, target) for target, staged in self._extras.items()]
        return moves

    def _check_targets(self, moves: list[tuple[Path, Path]]) -> None:
        """Every target can take a file: nothing moved yet when this fails."""
        for _, target in moves:
            if target.is_dir():
                raise OutputError(
                    en=f"cannot write {target}: a directory of that name is in the way. Move "
                       f"or rename it, or choose another {param('out')} directory.",
                    nl=f"kan {target} niet schrijven: er staat een map met die naam. "
                       "Verplaats die map of geef hem een andere naam, of kies een andere "
                       f"map met {param('out')}.")
            check_file_target(target)


    def _previous_set(self) -> dict[str, list[str]]:
        try:
            data = json.loads((self.out_dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): [str(f) for f in v] for k, v in data.items() if isinstance(v, list)}

    def commit(self) -> list[Path]:
        """Move every staged file into place, all or nothing; return their final paths.

        Every step is one ``os.replace`` listed in a journal first: an existing target set
        aside, a staged file moved in, a stale file of the previous run set aside, and the
        manifest. Removing the journal is the commit point; until then any failure, a
        signal or a kill (by the next run: :func:`_remove_dead_staging`) puts back what the
        steps did (:func:`_undo_moves`)."""
        try:
            self.finish_pending()
        except BaseException:
            shutil.rmtree(self.staging, ignore_errors=True)
            raise
        moves = self._moves()
        written = [target for _, target in moves]
        try:
            self._check_targets(moves)
            self.out_dir.mkdir(parents=True, exist_ok=True)
            for _, target in moves:
                target.parent.mkdir(parents=True, exist_ok=True)
            stale = self._stale_and_manifest(moves)
        except OSError as exc:
            shutil.rmtree(self.staging, ignore_errors=True)
            raise OutputError(
                en=f"cannot write to {self.out_dir}: {exc.strerror}. Nothing was changed.",
                nl=f"kan niet schrijven naar {self.out_dir}: {exc.strerror}. Er is niets "
                   "veranderd.") from exc
        except BaseException:
            shutil.rmtree(self.staging, ignore_errors=True)
            raise
        backup_dir = self.staging / "backup"
        parent = self.staging.parent
        # a stale file is set aside and nothing takes its place (staged: None)
        steps: list[tuple[Path | None, Path]] = [*moves, *((None, target) for target in stale)]
        planned = [(staged, target, _backup_path(backup_dir / str(number), target),
                    _copy_path(target)) for number, (staged, target) in enumerate(steps)]
        with _signals_held():
            current = self.out_dir
            try:
                atomic_write_text(self.staging / JOURNAL, _journal(planned, parent))
                for staged, target, backup, _ in planned:
                    current = target
                    if target.exists():
                        backup.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(target, backup)
                    if staged is not None:
                        _move(staged, target)
                (self.staging / JOURNAL).unlink()  # the commit point: the new set is in place
            except BaseException as exc:
                _undo_moves(planned)
                shutil.rmtree(self.staging, ignore_errors=True)
                if isinstance(exc, OSError):
                    raise OutputError(
                        en=f"cannot write to {current}: {exc.strerror}. Nothing was changed.",
                        nl=f"kan niet schrijven naar {current}: {exc.strerror}. Er is niets "
                           "veranderd.") from exc
                raise
            for _, _, backup, _ in planned:  # those beside a target on another file system
                backup.unlink(missing_ok=True)
            out = self.out_dir.resolve()
            for target in stale:  # the folders a stale file leaves empty
                folder = target.resolve().parent
                while folder != out and folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
                    folder = folder.parent
            shutil.rmtree(self.staging, ignore_errors=True)
        return written

    def _stale_and_manifest(self, moves: list[tuple[Path, Path]]) -> list[Path]:
        """The files the previous run of this command wrote and this run does not (removed
        by the commit); the updated manifest is staged and added to ``moves``."""
        if self.command is None:
            return []
        sets = self._previous_set()
        fresh = set(self.files)
        out = self.out_dir.resolve()
        stale = []
        for name in sets.get(self.command, []):
            target = self.out_dir / name
            resolved = target.resolve()
            if name not in fresh and out in resolved.parents and resolved.is_file():
                stale.append(target)
        sets[self.command] = sorted(fresh)
        manifest = self.staging / "manifest" / MANIFEST
        manifest.parent.mkdir()
        manifest.write_text(json.dumps(sets, indent=1) + "\n", encoding="utf-8")
        moves.append((manifest, self.out_dir / MANIFEST))
        return stale

    def discard(self) -> None:
        with contextlib.suppress(OSError):  # waiting only; the files go anyway
            self.finish_pending(complete=False)
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> OutputWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is not None:
            self.discard()
        elif self.staging.exists():
            self.commit()



def check_file_target(target: Path, what: str | None = None) -> None:
    """``target`` can become a regular file: it is none of a device, a pipe or a socket (a
    move would replace that node: ``--save-config /dev/null`` as root replaced the device),
    and no folder above it is a file. ``what`` names the option (else ``--out``)."""
    import stat

    hint = (f"choose another file name for {what}" if what else
            f"choose another {param('out')} directory")
    hint_nl = (f"kies een andere bestandsnaam voor {what}" if what else
               f"kies een andere map met {param('out')}")
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise OutputError(
            en=f"cannot write {target}: it is not a regular file (a device, pipe or socket), "
               f"so it is left alone; {hint}.",
            nl=f"kan {target} niet schrijven: het is geen gewoon bestand (maar een apparaat, "
               f"pipe of socket), dus het blijft onaangeroerd; {hint_nl}.")
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            raise OutputError(
                en=f"cannot write {target}: {parent} is a file, not a directory. Move or "
                   f"rename it, or {hint}.",
                nl=f"kan {target} niet schrijven: {parent} is een bestand, geen map. "
                   f"Verplaats het of geef het een andere naam, of {hint_nl}.")


def _same_device(folder: Path, target: Path) -> bool:
    """Whether ``target``'s folder is on the file system of ``folder`` (``os.replace``
    cannot move a file from one to the other)."""
    return os.stat(folder).st_dev == os.stat(target.parent).st_dev


def _backup_path(in_staging: Path, target: Path) -> Path:
    """Where an existing ``target`` is set aside: in the staging folder, or beside the target
    when that is on another file system (``--write-sav`` onto a USB stick)."""
    if _same_device(in_staging.parents[1], target):
        return in_staging
    return target.with_name(f".{target.name}.{os.getpid()}.backup")


def _copy_path(target: Path) -> Path:
    """The temporary copy beside ``target`` when it is on another file system (:func:`_move`)."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def _move(staged: Path, target: Path) -> None:
    """``os.replace``; across file systems a copy beside the target first, then replaced
    (still one atomic step at the target), and the staged file removed (so that a staged
    file that is gone always means its target holds the new file: :func:`_undo_moves`)."""
    if _same_device(staged.parent, target):
        os.replace(staged, target)
        return
    copy = _copy_path(target)
    try:
        shutil.copyfile(staged, copy)
        os.replace(copy, target)
        staged.unlink()
    finally:
        copy.unlink(missing_ok=True)


def _unix_newlines(table: Any) -> Any:
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        return table
    changed = {}
    for column in table.columns:
        series = table[column]
        if series.dtype.kind in "biufcmM" or isinstance(series.dtype, pd.CategoricalDtype):
            continue
        joined = _screen_text(series)
        if joined is not None and "\r" not in joined:
            continue
        text = series.astype("string")
        has_cr = text.str.contains("\r", regex=False).fillna(False).astype(bool)
        if has_cr.any():
            fixed = text.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n",
                                                                              regex=False)
            changed[column] = series.astype(object).where(~has_cr, fixed.astype(object))
    return table.assign(**changed) if changed else table


FORMULA_STARTS = ("=", "@", "\t", "\r")
# C0 controls but tab and line breaks, DEL and the C1 controls: a terminal runs them (ESC ]8
# makes a link, CSI moves the cursor) when a CSV is shown with ``cat``; the set openpyxl
# refuses in an .xlsx is the C0 part (report/xlsx.py replaces it the same way)
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
SIGNED_STARTS = ("+", "-")
PLAIN_NUMBER = r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?"


# a screen for :func:`neutralise_formulas` on the cells of a column joined by line feeds: a
# risky start begins the text or follows a line feed; a miss proves the column needs nothing
_RISKY_START = re.compile(r"(?:^|\n)[=@\t\r+-]")
_CONTROL = re.compile(CONTROL_CHARACTERS)


# what ``pandas.api.types.infer_dtype`` calls a column without any text (NA skipped)
_NO_TEXT = frozenset(("empty", "floating", "integer", "mixed-integer-float", "boolean",
                      "decimal", "complex"))


def _screen_text(series: Any) -> str | None:
    """A column's cells as text joined by line feeds, for a screen before the exact per-cell
    pandas string operations of :func:`neutralise_formulas` and :func:`_unix_newlines` (a
    dozen of those per column cost 0.5 s on a factsheet's small tables). One pass in C:
    ``infer_dtype``, then ``str.join`` over the cells of a column of text ("" for a column
    without any text, which neither function changes); None when the column mixes kinds
    (bytes, say, that pandas would decode), which then gets the exact checks."""
    import pandas as pd

    kind = pd.api.types.infer_dtype(series, skipna=True)
    if kind in _NO_TEXT:
        return ""
    if kind != "string":
        return None
    return "\n".join(series.dropna().to_numpy(dtype=object))


def _may_need_neutralising(joined: str | None) -> bool:
    """Whether some cell of ``joined`` (:func:`_screen_text`) may start like a formula or hold
    a control character; False means no cell needs :func:`neutralise_formulas`."""
    return joined is None or bool(_RISKY_START.search(joined) or _CONTROL.search(joined))


def formula_risk(text: Any) -> Any:
    """Which cells of a string Series a spreadsheet would run as a formula: those starting
    with ``= @``, a tab or carriage return, or with ``+ -`` unless the cell is a plain
    number such as ``-1`` (OWASP, "CSV Injection")."""
    starts = text.str.startswith(FORMULA_STARTS)
    signed = text.str.startswith(SIGNED_STARTS) & ~text.str.fullmatch(PLAIN_NUMBER)
    return (starts | signed).fillna(False).astype(bool)


def neutralise_formulas(table: Any) -> Any:
    """Text cells (and column names) that a spreadsheet would run as a formula
    (:func:`formula_risk`) get a leading apostrophe, so Excel and LibreOffice show them as
    text, and control characters (:data:`CONTROL_CHARACTERS`) become U+FFFD, as in the .xlsx.
    Numbers stay numbers: only text cells change, and only in the exported copy."""
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        return table
    changed = {}
    for column in table.columns:
        series = table[column]
        if series.dtype.kind in "biufcmM" or isinstance(series.dtype, pd.CategoricalDtype):
            continue
        if not _may_need_neutralising(_screen_text(series)):
            continue
        is_text = series.map(lambda v: isinstance(v, str)).astype(bool) if (
            series.dtype == object) else series.notna()
        text = series.astype("string")
        risky = formula_risk(text) & is_text
        controls = text.str.contains(CONTROL_CHARACTERS, regex=True).fillna(False).astype(
            bool) & is_text
        if risky.any() or controls.any():
            cleaned = text.str.replace(CONTROL_CHARACTERS, "\ufffd", regex=True)
            value = ("'" + cleaned).where(risky, cleaned)
            changed[column] = series.astype(object).where(~(risky | controls),
                                                          value.astype(object))
    if not changed and not _may_need_neutralising("\n".join(str(c) for c in table.columns)):
        return table  # no cell and no column name needs a change
    names = pd.Series([str(c) for c in table.columns], dtype="string")
    clean_names = names.str.replace(CONTROL_CHARACTERS, "\ufffd", regex=True)
    header = [("'" if risk else "") + str(clean) if risk or clean != str(c) else c
              for c, clean, risk in zip(table.columns, clean_names, formula_risk(names),
                                        strict=True)]
    if not changed and header == list(table.columns):
        return table
    out = table.assign(**changed) if changed else table.copy()
    out.columns = header
    return out


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
    """UTF-8 JSON; JSON escapes the C0 controls itself, DEL and the C1 controls (which a
    terminal may run) are escaped here too (``\\u009b``): the text stays exact."""

    text = json.dumps(to_jsonable(data), ensure_ascii=False, indent=2, allow_nan=False)
    return re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)
