"""Every command gives the same output, byte for byte, whether the CSV reader keeps number
columns compact (float32 where exact, ``io.dataset.narrow``) or parses them as float64 as it
did before: the demo data as CSV exports (the .sav files written as Dutch CSVs: a
compact-dtype round trip) and the demo CSVs themselves. Only provenance and timings may
differ (they do not here either: the same inputs); figures are left out (their drawing is
tested elsewhere, and they are drawn from the same tables)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from maatwerk_stats.io import read

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CONFIG = ROOT / "configs" / "leeratelier.toml"


@pytest.fixture(scope="module")
def demo_csvs(tmp_path_factory) -> dict[str, Path]:
    """pre.sav and post.sav as the Dutch CSV a user exports from SPSS (";", decimal comma)."""
    folder = tmp_path_factory.mktemp("demo_csv")
    paths = {}
    for name in ("pre", "post"):
        frame = read.read_data(DEMO / f"{name}.sav").frame
        paths[name] = folder / f"{name}.csv"
        frame.to_csv(paths[name], sep=";", decimal=",", index=False, encoding="utf-8")
    return paths


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (figures left out), ``results.json`` without the
    provenance/timings keys."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "figures" in path.relative_to(folder).parts:
            continue
        data = path.read_bytes()
        if path.name == "results.json":
            doc = json.loads(data)
            for key in ("provenance", "timings"):
                doc.pop(key, None)
            data = json.dumps(doc, sort_keys=True).encode()
        files[str(path.relative_to(folder))] = data
    return files


COMMANDS = {
    "scales": lambda csv, out: ["scales", csv["pre"], "--config", CONFIG, "--out", out],
    "scales_group": lambda csv, out: ["scales", csv["pre"], "--config", CONFIG, "--out", out,
                                      "--group", "geslacht"],
    "compare": lambda csv, out: ["compare", csv["pre"], csv["post"], "--config", CONFIG,
                                 "--out", out, "--no-figures"],
    "codebook": lambda csv, out: ["codebook", csv["pre"], "--format", "csv"],
    "init": lambda csv, out: ["init", csv["pre"], csv["post"], "--out", out / "study.toml"],
    "vignette": lambda csv, out: ["vignette", DEMO / "vignetten.csv", "--config", CONFIG,
                                  "--out", out, "--no-figures"],
    "codebook_deck": lambda csv, out: ["codebook", DEMO / "deck.csv", "--format", "csv"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_output_is_the_same_with_compact_columns(run_cli, demo_csvs, tmp_path,
                                                         monkeypatch, command):
    results = {}
    out = tmp_path / "out"  # the same folder for both runs (its name is in the messages)
    for compact in (True, False):
        with monkeypatch.context() as patch:
            if not compact:  # the reader before: every number column float64
                patch.setattr(read, "narrow", lambda values: np.asarray(values))
                patch.setattr(read, "narrow_frame", lambda frame: frame)
            result = run_cli(*COMMANDS[command](demo_csvs, out))
        results[compact] = (result.stdout, result.stderr,
                            outputs(out) if out.exists() else {}, result.exit_code)
        if out.exists():
            out.rename(tmp_path / f"out_{compact}")
    compact_run, float64_run = results[True], results[False]
    assert compact_run[3] == float64_run[3]
    assert compact_run[3] == 0 or command == "scales_group", compact_run[:2]
    assert compact_run[0] == float64_run[0] and compact_run[1] == float64_run[1]
    assert compact_run[2].keys() == float64_run[2].keys()
    for name, data in compact_run[2].items():
        assert data == float64_run[2][name], name


def test_the_compact_reader_does_give_compact_columns(demo_csvs):
    """What the test above compares: the CSV exports read with float32 item columns."""
    frame = read.read_data(demo_csvs["pre"]).frame
    assert (frame.dtypes == np.float32).sum() >= 10
