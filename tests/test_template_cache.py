"""The compiled-template cache of the factsheet HTML (``publish/template_cache.py``): the same
HTML with and without it, a damaged or unwritable cache is no error, an edited template is
compiled anew."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from maatwerk_stats.publish.template_cache import bytecode_cache, template_cache_folder

from .conftest import CONFIG


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def render(source: str, cache) -> str:
    environment = Environment(loader=DictLoader({"t.j2": source}), bytecode_cache=cache)
    return environment.get_template("t.j2").render(x=3)


def test_compiled_once_then_loaded(cache_home):
    folder = template_cache_folder()
    assert folder == cache_home / "maatwerk-stats" / "jinja2"
    assert render("{{ x * 2 }}", bytecode_cache()) == "6"
    files = list(folder.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert render("{{ x * 2 }}", bytecode_cache()) == "6"  # from the cache
    assert render("{{ x * 5 }}", bytecode_cache()) == "15"  # edited: compiled anew


def test_a_damaged_cache_file_is_compiled_anew(cache_home):
    render("{{ x + 1 }}", bytecode_cache())
    (cached,) = template_cache_folder().iterdir()
    for damage in (b"", b"garbage", cached.read_bytes()[:20]):
        cached.write_bytes(damage)
        assert render("{{ x + 1 }}", bytecode_cache()) == "4"


def test_no_cache_where_none_can_be_made(cache_home, tmp_path):
    cache_home.parent.mkdir(exist_ok=True)
    cache_home.write_text("a file, not a folder")
    assert bytecode_cache() is None
    assert render("{{ x }}", bytecode_cache()) == "3"


def test_a_read_only_cache_is_no_cache(cache_home, monkeypatch):
    template_cache_folder().mkdir(parents=True)
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # as for a read-only folder
    assert bytecode_cache() is None


def test_failing_writes_are_no_error(cache_home, monkeypatch):
    cache = bytecode_cache()
    import tempfile

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full_disk)
    assert render("{{ x - 1 }}", cache) == "2"
    assert list(template_cache_folder().iterdir()) == []


def test_the_factsheet_html_is_the_same_with_the_cache(cache_home):
    from maatwerk_stats.config import load_config
    from maatwerk_stats.publish.factsheet import resolve_inputs, run_analyses
    from maatwerk_stats.report.factsheet.build import build_factsheet
    from maatwerk_stats.report.factsheet.html import render_html

    config = load_config(Path(CONFIG))
    results = run_analyses(config, resolve_inputs(config, {}), lambda step: None)
    factsheet = build_factsheet(config, "nl", comparison=results.comparison,
                                reliability=results.reliability, vignette=results.vignette,
                                figures={}, suppressed=results.suppressed, version="x",
                                vignette_design=results.vignette_design)
    plain = render_html(factsheet)
    assert render_html(factsheet, bytecode_cache()) == plain  # compiled and stored
    assert any(template_cache_folder().iterdir())
    assert render_html(factsheet, bytecode_cache()) == plain  # loaded
