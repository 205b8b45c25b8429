"""The README walkthrough "your own study", run end to end: a Dutch Excel export
(data/voorbeeld/enquete.csv: `;`, decimal comma, Windows-1252, beïnvloeding_1..3 as Dutch
answer texts with "weet niet", samenwerking_1..4 with 9 = weet niet) → `init` → `factsheet`,
with only what the README says. The numbers are checked against R, computed from the raw
export by tests/reference/walkthrough.R (which applies the rules by hand, not our config).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPORT = ROOT / "data" / "voorbeeld" / "enquete.csv"
REFERENCE = ROOT / "tests" / "reference"


def readme_commands() -> list[list[str]]:
    """The shell commands of the README's walkthrough section, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Your own study", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith(".venv/bin/maatwerk-stats "):
                commands.append(line.removeprefix(".venv/bin/maatwerk-stats ").split())
    return commands


def dutch(value: float) -> str:
    """4.2 → "4,20", −0.17 with a true minus sign (as the factsheet writes it)."""
    return f"{value:.2f}".replace(".", ",").replace("-", "\u2212")


@pytest.mark.slow
def test_walkthrough_from_excel_export_to_factsheet_matches_r(run_cli, tmp_path):
    (tmp_path / "data" / "voorbeeld").mkdir(parents=True)
    shutil.copy(EXPORT, tmp_path / "data" / "voorbeeld" / "enquete.csv")
    commands = readme_commands()
    assert [c[0] for c in commands] == ["codebook", "init", "factsheet"]
    for command in commands:
        result = run_cli(*command)
        assert result.exit_code == 0, (command, result.output)
    out = tmp_path / "out" / "enquete"
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))

    ours = pd.DataFrame(results["tables"]["compare_scales"]).set_index("variable")
    r = pd.read_csv(REFERENCE / "walkthrough_compare.csv").set_index("variable")
    assert sorted(ours.index) == sorted(r.index) == ["beïnvloeding", "samenwerking"]
    for column in ("n_1", "n_2"):
        assert ours.loc[r.index, column].tolist() == r[column].tolist()
    for column, tolerance in (("mean_1", 1e-12), ("mean_2", 1e-12), ("sd_1", 1e-12),
                              ("sd_2", 1e-12), ("mean_diff", 1e-12), ("diff_conf_low", 1e-9),
                              ("diff_conf_high", 1e-9), ("t", 1e-9), ("df", 1e-9),
                              ("p_value", 1e-9), ("hedges_g", 1e-9), ("g_conf_low", 1e-6),
                              ("g_conf_high", 1e-6)):
        assert ours.loc[r.index, column].to_numpy() == pytest.approx(
            r[column].to_numpy(), abs=tolerance), column

    alphas = pd.DataFrame(results["tables"]["reliability"]).set_index(["scale", "group"])
    r_alpha = pd.read_csv(REFERENCE / "walkthrough_reliability.csv").set_index(
        ["scale", "group"])
    assert alphas.loc[r_alpha.index, "n"].tolist() == r_alpha["n"].tolist()
    assert alphas.loc[r_alpha.index, "alpha"].to_numpy() == pytest.approx(
        r_alpha["alpha"].to_numpy(), abs=1e-12)

    # what the reader sees: the factsheet states R's means, in Dutch number format
    sheet = (out / "factsheet.html").read_text(encoding="utf-8")
    for scale in r.index:
        row = r.loc[scale]
        assert f"{dutch(row.mean_1)} vóór en {dutch(row.mean_2)} na" in sheet
        assert (f"+{dutch(row.mean_diff)} (95%-betrouwbaarheidsinterval: "
                f"{dutch(row.diff_conf_low)} tot {dutch(row.diff_conf_high)})") in sheet
    alpha = r_alpha.loc[("beïnvloeding", "voor"), "alpha"]
    assert f"beïnvloeding {dutch(alpha)} (vóór)" in sheet
    assert "professionals vóór (N=22) en na (N=26) ondervraagd" in sheet
    assert (tmp_path / "data" / "voorbeeld" / "enquete.csv").read_bytes() == EXPORT.read_bytes()


def edit_checked(text: str, old: str, new: str) -> str:
    """Replace the line ``old`` by ``new`` — only where init marked it: the line follows a
    ``# CHECK:`` comment in the same block (no blank line between)."""
    lines = text.split("\n")
    at = lines.index(old)
    block = lines[:at]
    start = max((i for i, line in enumerate(block) if not line.strip()), default=-1)
    assert any(line.startswith("# CHECK:") for line in block[start + 1:]), old
    lines[at] = new
    return "\n".join(lines)


@pytest.mark.slow
def test_walkthrough_editing_only_the_check_lines(run_cli, tmp_path):
    """README step 2: read the lines marked # CHECK: and edit only what is wrong — here the
    title and the statements; the factsheet then quotes them."""
    (tmp_path / "data" / "voorbeeld").mkdir(parents=True)
    shutil.copy(EXPORT, tmp_path / "data" / "voorbeeld" / "enquete.csv")
    _codebook, init, factsheet = readme_commands()
    assert run_cli(*init).exit_code == 0
    path = tmp_path / "configs" / "enquete.toml"
    text = path.read_text(encoding="utf-8")
    text = edit_checked(text, 'title = "enquete"', 'title = "Samenwerken in de wijk"')
    statements = {"samenwerking_1": "Ik overleg met collega's van andere organisaties",
                  "samenwerking_4": "Ik weet wie ik moet bellen"}
    for item, statement in statements.items():
        text = edit_checked(text, f'{item} = "{item.replace("_", " ")}"',
                            f'{item} = "{statement}"')
    path.write_text(text, encoding="utf-8")
    result = run_cli(*factsheet)
    assert result.exit_code == 0, result.output
    sheet = (tmp_path / "out" / "enquete" / "factsheet.html").read_text(encoding="utf-8")
    assert "Factsheet: onderzoek Samenwerken in de wijk" in sheet
    assert "de stelling “Ik weet wie ik moet bellen”" in sheet  # the largest difference
