"""The all-or-nothing writer under odd targets (issue 10, classes 1 and 3): a file requested
outside ``--out`` on another file system, a ``--save-config`` that is the ``--out`` folder,
and a title too long for the DOCX core properties."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from maatwerk_stats.errors import OutputError
from maatwerk_stats.io import write
from maatwerk_stats.io.write import OutputWriter


def _other_device(monkeypatch: pytest.MonkeyPatch, elsewhere: Path) -> None:
    """Pretend ``elsewhere`` is another file system (os.replace would fail with EXDEV)."""
    real = write._same_device

    def same_device(folder: Path, target: Path) -> bool:
        inside = elsewhere in (target.parent.resolve(), *target.parent.resolve().parents)
        return False if inside else real(folder, target)

    monkeypatch.setattr(write, "_same_device", same_device)


def test_an_extra_file_on_another_file_system_is_copied_and_replaced(tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "scores.sav").write_text("old", encoding="utf-8")
    _other_device(monkeypatch, stick)
    with OutputWriter(tmp_path / "out") as writer:
        writer.write_text("a.csv", "x\n1\n")
        writer.extra(stick / "scores.sav", "--write-sav").write_text("new", encoding="utf-8")
    assert (stick / "scores.sav").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in stick.iterdir()) == ["scores.sav"]  # no .tmp, no .backup
    assert (tmp_path / "out" / "a.csv").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failing_move_puts_everything_back(tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "scores.sav").write_text("old", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.csv").write_text("old table", encoding="utf-8")
    _other_device(monkeypatch, stick)

    def full_disk(source: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.shutil, "copyfile", full_disk)
    refused = pytest.raises(OutputError, match=r"cannot write to .*stick/scores.sav: No "
                                               r"space left on device\. Nothing was changed\.")
    with refused, OutputWriter(tmp_path / "out") as writer:
        writer.write_text("a.csv", "new table")
        writer.extra(stick / "scores.sav", "--write-sav").write_text("new", encoding="utf-8")
    assert (stick / "scores.sav").read_text(encoding="utf-8") == "old"
    assert (tmp_path / "out" / "a.csv").read_text(encoding="utf-8") == "old table"
    assert sorted(p.name for p in stick.iterdir()) == ["scores.sav"]


@pytest.mark.parametrize("target", ["out", "."])
def test_an_extra_file_cannot_be_the_out_folder_or_above_it(tmp_path, monkeypatch, target):
    monkeypatch.chdir(tmp_path)
    refused = pytest.raises(OutputError, match=f"--save-config {target} is where out=out goes")
    with refused, OutputWriter("out") as writer:
        writer.extra(Path(target), "--save-config")
    assert list(tmp_path.iterdir()) == []


def test_a_title_over_255_characters_fits_the_docx_core_properties():
    """python-docx refuses a core title over 255 characters (was an internal error for a
    ``study.title`` over ~234 characters): the document title is cut there."""
    import io
    from xml.etree import ElementTree

    from docx import Document

    from maatwerk_stats.report.docx_bytes import reproducible_docx

    title = "Factsheet: " + "Lange titel " * 40
    data = reproducible_docx(Document(), title)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = ElementTree.fromstring(archive.read("docProps/core.xml"))
    stored = core.find("{http://purl.org/dc/elements/1.1/}title").text
    assert stored == title[:255]


@pytest.mark.parametrize("how", ["out", "extra"])
def test_a_pipe_or_device_is_never_replaced(tmp_path, how):
    """A target that is a named pipe (or a device: ``--save-config /dev/null`` as root
    replaced the device node with a file) is refused before anything is written."""
    import os
    import stat

    pipe = tmp_path / ("out" if how == "out" else "saved.toml")
    if how == "out":
        pipe.mkdir()
        pipe = pipe / "a.csv"
    os.mkfifo(pipe)
    refused = pytest.raises(OutputError, match=r"it is not a regular file .a device, pipe or "
                                               r"socket., so it is left alone")
    with refused, OutputWriter(tmp_path / "out") as writer:
        writer.write_text("a.csv", "x\n1\n")
        if how == "extra":
            writer.extra(pipe, "--save-config").write_text("x", encoding="utf-8")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
