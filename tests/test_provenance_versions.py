"""``publish.provenance.installed_versions``: the versions ``importlib.metadata.version`` gives,
read without importing ``importlib.metadata``. Compared with it on every installed
distribution and on made-up ``sys.path`` folders (hypothesis for the header blocks)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.publish.provenance import (
    DEPENDENCIES,
    dependency_versions,
    installed_versions,
)

ROOT = Path(__file__).resolve().parents[1]


def importlib_versions(names: list[str]) -> dict[str, str]:
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def variants(name: str) -> list[str]:
    return [name, name.upper(), name.replace("-", "_"), name.replace("_", "."),
            name.replace("-", "--").replace("_", "-_")]


def test_every_installed_distribution():
    names = sorted({d.metadata["Name"] for d in metadata.distributions()})
    asked = [v for name in names for v in variants(name)] + ["not-installed-at-all"]
    assert len(names) > 30
    assert installed_versions(asked) == importlib_versions(asked)
    assert dependency_versions() == importlib_versions(list(DEPENDENCIES))


def _folder(base: Path, files: dict[str, str | bytes]) -> str:
    """A fresh folder in ``base`` holding ``files`` (relative path: text, or bytes as
    written); fresh, so importlib.metadata's per-folder cache never answers for another
    example."""
    folder = tempfile.mkdtemp(dir=base)
    for relative, content in files.items():
        path = Path(folder, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return folder


def _same(monkeypatch, folders: list[str], names: list[str]) -> dict[str, str]:
    monkeypatch.setattr(sys, "path", [*folders, *sys.path])
    mine, theirs = installed_versions(names), importlib_versions(names)
    assert mine == theirs
    return mine


CASES = {
    "trailing spaces kept": {"Foo.Bar-1.0.dist-info/METADATA":
                             "Metadata-Version: 2.1\nName: Foo.Bar\nVersion: 1.0  \n\nbody"},
    "crlf": {"foo_bar-2.0.dist-info/METADATA": "Name: foo_bar\r\nVersion:\t2.0\r\n\r\n"},
    "cr": {"foo_bar-2.0.dist-info/METADATA": "Name: foo_bar\rVersion: 2.0\r"},
    "folded": {"foo_bar-3.dist-info/METADATA": "Name: x\nVersion: 3\n .1\nSummary: s\n"},
    "not a header first": {"foo_bar-3.dist-info/METADATA": "Name: x\nnonsense\nVersion: 3\n"},
    "body before version": {"foo_bar-3.dist-info/METADATA": "Name: x\n\nVersion: 3\n"},
    "no version": {"foo_bar-3.dist-info/METADATA": "Name: x\nSummary: y\n"},
    "lower case key": {"foo_bar-3.dist-info/METADATA": "name: x\nversion: 3.1\n"},
    "bom": {"foo_bar-3.dist-info/METADATA": "\ufeffName: x\nVersion: 3\n"},
    "egg-info folder": {"Foo_Bar-4.egg-info/PKG-INFO": "Name: x\nVersion: 4.0\n"},
    "egg-info file": {"foo_bar-5.egg-info": "Name: x\nVersion: 5.0\n"},
    "pkg-info in dist-info": {"foo_bar-6.dist-info/PKG-INFO": "Name: x\nVersion: 6\n"},
    "two versions": {"foo_bar-7.dist-info/METADATA": "Name: x\nVersion: 7\n",
                     "Foo-Bar-8.dist-info/METADATA": "Name: x\nVersion: 8\n"},
    "empty": {"foo_bar-9.dist-info/METADATA": ""},
    "not utf-8": {"foo_bar-9.dist-info/METADATA": b"Name: \xff\nVersion: 9\n"},
}


def test_made_up_folders(monkeypatch, tmp_path):
    for case, files in CASES.items():
        folder = _folder(tmp_path, files)
        try:
            _same(monkeypatch, [folder], ["foo-bar", "Foo.Bar", "numpy", "missing"])
        except (AssertionError, UnicodeDecodeError) as error:
            if isinstance(error, UnicodeDecodeError) and case == "not utf-8":
                continue  # importlib.metadata fails on it too (below)
            raise AssertionError(case) from error
        monkeypatch.undo()


def test_undecodable_metadata_fails_as_importlib_does(monkeypatch, tmp_path):
    folder = _folder(tmp_path, CASES["not utf-8"])
    monkeypatch.setattr(sys, "path", [folder, *sys.path])
    for lookup in (lambda: installed_versions(["foo-bar"]), lambda: metadata.version("foo-bar")):
        try:
            lookup()
        except UnicodeDecodeError:
            continue
        raise AssertionError("no error")


def test_an_earlier_folder_wins_and_eggs_and_zips_go_to_importlib(monkeypatch, tmp_path):
    early = _folder(tmp_path, {"numpy-0.1.dist-info/METADATA": "Name: numpy\nVersion: 0.1\n"})
    assert _same(monkeypatch, [early], ["numpy", "pandas"])["numpy"] == "0.1"
    monkeypatch.undo()
    egg = _folder(tmp_path, {"eggy-1.5.egg/EGG-INFO/PKG-INFO": "Name: eggy\nVersion: 1.5\n"})
    egg = str(Path(egg, "eggy-1.5.egg"))
    assert _same(monkeypatch, [egg], ["eggy", "EGGY", "numpy"])["eggy"] == "1.5"
    monkeypatch.undo()
    zipped = Path(_folder(tmp_path, {})) / "packages.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("zipped-3.0.dist-info/METADATA", "Name: zipped\nVersion: 3.0\n")
    assert _same(monkeypatch, [str(zipped)], ["zipped", "numpy"])["zipped"] == "3.0"


def test_another_distribution_finder_goes_to_importlib(monkeypatch, tmp_path):
    class Finder:
        def find_spec(self, *args):
            return None

        def find_distributions(self, context=None):
            if context is not None and context.name == "numpy":
                yield metadata.PathDistribution(Path(_folder(tmp_path,
                    {"numpy-9.9.dist-info/METADATA": "Name: numpy\nVersion: 9.9\n"}),
                    "numpy-9.9.dist-info"))

    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    assert _same(monkeypatch, [], ["numpy", "pandas"])["numpy"] == "9.9"


LINES = st.sampled_from(["Name: foo-bar", "Version: {v}", "version:{v}", " continued",
                         "\tcontinued", "Summary: a: b", "", "nonsense", "Version :{v}",
                         ":empty name", "From someone", "\ufeffName: x", "Ünïcode: ü"])


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(LINES, max_size=6), versions=st.lists(
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=8),
    min_size=6, max_size=6), ending=st.sampled_from(["\n", "\r\n", "\r"]),
    file_name=st.sampled_from(["METADATA", "PKG-INFO"]))
def test_any_header_block(tmp_path_factory, lines, versions, ending, file_name):
    text = ending.join(line.format(v=v) for line, v in zip(lines, versions, strict=False))
    folder = _folder(tmp_path_factory.getbasetemp(),
                     {f"foo_bar-1.dist-info/{file_name}": text + ending})
    saved = sys.path
    sys.path = [folder, *saved]
    try:
        assert installed_versions(["foo-bar"]) == importlib_versions(["foo-bar"]), text
    finally:
        sys.path = saved


def test_a_command_does_not_import_importlib_metadata():
    code = ("import sys\nfrom maatwerk_stats.publish.provenance import dependency_versions\n"
            "versions = dependency_versions()\n"
            "print('importlib.metadata' in sys.modules, len(versions))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", str(len(importlib_versions(list(DEPENDENCIES))))]
