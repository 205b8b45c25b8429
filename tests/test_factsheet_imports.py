"""The factsheet command imports the modules of its analyses and writers with the cyclic
collector off, then frozen (``publish.factsheet.import_modules``): the collections those
imports triggered found nothing to free."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from maatwerk_stats.config import load_config
from maatwerk_stats.publish.factsheet import (
    QUESTIONNAIRE_MODULES,
    VIGNETTE_MODULES,
    WRITER_MODULES,
    import_modules,
    resolve_inputs,
    section_modules,
)

ROOT = Path(__file__).resolve().parents[1]

# the factsheet in this process: count the collections that run while scipy.special (which
# the comparison's t quantiles import) or jinja2 (the HTML) is being imported
FACTSHEET = """
import gc, sys
def importing():
    return any(getattr(getattr(sys.modules.get(name), "__spec__", None), "_initializing",
                       False) for name in ("scipy.special", "jinja2"))
during = []
gc.callbacks.append(lambda phase, info: phase == "stop" and importing() and during.append(info))
from maatwerk_stats.cli import main
assert "scipy.special" not in sys.modules and "jinja2" not in sys.modules
sys.argv[1:] = ["factsheet", "--config", "configs/leeratelier.toml", "--out", sys.argv[1],
                "--quiet"]
try:
    main()
except SystemExit as exit:
    assert not exit.code, exit.code
print("scipy.special" in sys.modules, len(during), gc.isenabled(), gc.get_freeze_count())
"""


@pytest.mark.slow
def test_the_factsheet_imports_without_collections(tmp_path):
    """Before: 38 collections while scipy.special and jinja2 were imported; after the
    run nothing is left frozen (a process that goes on keeps its collector as it was)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", FACTSHEET, str(tmp_path / "out")], env=env,
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "0", "True", "0"]


def test_the_modules_of_each_section_are_imported():
    config = load_config(ROOT / "configs" / "leeratelier.toml")
    import_modules(config)
    for name in (*WRITER_MODULES, *QUESTIONNAIRE_MODULES, *VIGNETTE_MODULES):
        assert name in sys.modules


@pytest.mark.parametrize(("name", "first", "later"), [
    ("leeratelier.toml", QUESTIONNAIRE_MODULES, (*VIGNETTE_MODULES, *WRITER_MODULES)),
    ("gewogen_maatwerk.toml", QUESTIONNAIRE_MODULES, WRITER_MODULES),
    ("teams.toml", (), WRITER_MODULES),  # its scales are the survey's: no questionnaire
])
def test_the_first_section_s_modules_come_first_the_rest_later(name, first, later):
    """Before the analyses the command imports only what the first section that sends
    figures needs; the rest (each module once) once those figures are sent."""
    config = load_config(ROOT / "configs" / name)
    before, rest = section_modules(config, resolve_inputs(config, {}))
    assert before == list(dict.fromkeys(first))
    assert rest == [m for m in dict.fromkeys(later) if m not in before]
    everything = section_modules(config)  # without the inputs: by the config's sections
    assert set(everything[0] + everything[1]) >= set(before + rest)
