"""The fuzz corpus (tests/fuzz/cases.toml): every hostile input gets one clear message, a
non-zero exit, no traceback, no partial output, untouched inputs and no leftovers.

Add a case for every class of failure fixed (see tests/fuzz/cases.toml for the keys).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tomllib
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from maatwerk_stats.cli import app
from maatwerk_stats.publish.privacy import RATING_CHECKS

ROOT = Path(__file__).resolve().parents[1]
FUZZ = ROOT / "tests" / "fuzz"
CASES = tomllib.loads((FUZZ / "cases.toml").read_text(encoding="utf-8"))["case"]


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def staging_folders(folder: Path) -> list[str]:
    """Hidden staging folders ``.NAME-PID-XXXX`` anywhere under ``folder``."""
    return [str(p.relative_to(folder)) for p in folder.rglob(".*-*-*") if p.is_dir()]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "data" / "demo", tmp_path / "data" / "demo")
    shutil.copytree(ROOT / "configs", tmp_path / "configs")
    shutil.copytree(FUZZ / "files", tmp_path / "files")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MAATWERK_TRACEBACK", raising=False)
    return tmp_path


# A case's ``class`` → the numbered class of issue 10 it guards (1 internal errors, 2 data
# loss, 3 partial output, 4 hangs, 5 wrong results presented as findings, 6 injection,
# 7 differencing of small groups, 8 respondent data in messages, 9 unclear or silent). The
# finer names map onto those: a hostile archive (zip bomb, XXE, zip slip) crashed or hung
# (1); a bad option or bad input got an unclear message or none (9).
ISSUE_CLASS = {"internal_error": 1, "hostile_archive": 1, "data_loss": 2,
               "partial_output": 3, "hang": 4, "degenerate": 5, "injection": 6,
               "privacy": 7, "respondent_data": 8, "unclear": 9, "bad_input": 9,
               "bad_option": 9}
CLASS_TITLES = {1: "internal errors", 2: "data loss", 3: "partial output", 4: "hangs",
                5: "wrong results as findings", 6: "injection", 7: "differencing",
                8: "respondent data in messages", 9: "unclear or silent"}


def corpus_size_per_class(cases: list[dict] = CASES) -> dict[int, int]:
    """How many cases guard each numbered class of issue 10 (the closing note lists it:
    ``python tests/test_fuzz_corpus.py``)."""
    counts = dict.fromkeys(range(1, 10), 0)
    for case in cases:
        counts[ISSUE_CLASS[case["class"]]] += 1
    return counts


def test_the_corpus_covers_every_class():
    unknown = {case["class"] for case in CASES} - set(ISSUE_CLASS)
    assert unknown == set(), f"give these classes a number in ISSUE_CLASS: {unknown}"
    empty = [number for number, count in corpus_size_per_class().items() if count == 0]
    assert empty == [], f"issue-10 classes without a fuzz case: {empty}"
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))


def test_every_case_has_its_keys():
    """A merge that drops a ``[[case]]`` header glues two cases into one (TOML then keeps
    the second value of each key or fails): every case has exactly the keys it may have."""
    allowed = {"name", "class", "args", "exit", "message", "mkdir", "files", "checks", "slow"}
    for case in CASES:
        assert {"name", "class", "args", "exit"} <= set(case) <= allowed, case.get("name")
        assert (case["exit"] != 0) == ("message" in case), case["name"]


@pytest.mark.parametrize("case", [pytest.param(c, marks=[pytest.mark.slow] if c.get("slow")
                                                else []) for c in CASES],
                         ids=[c["name"] for c in CASES])
def test_case(case, workspace):
    from typer.testing import CliRunner

    for folder in case.get("mkdir", []):
        (workspace / folder).mkdir(parents=True)
    for name, text in case.get("files", {}).items():
        (workspace / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace / name).write_text(text, encoding="utf-8")
    before = snapshot(workspace)

    result = CliRunner().invoke(app, case["args"], catch_exceptions=True)

    assert result.exit_code == case["exit"], (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), repr(result.exception)
    after = snapshot(workspace)
    if case["exit"] != 0:
        # one error line: "Fout:" in Dutch (the default language), "Error:" in English or
        # where the message has no Dutch text yet (maatwerk_stats.errors)
        errors = [line for line in result.stderr.splitlines()
                  if line.startswith(("Error:", "Fout:"))]
        assert len(errors) == 1, result.stderr
        assert case["message"] in result.stderr, result.stderr
        assert after == before, "an error must leave every file as it was"
    else:
        kept = {k: v for k, v in before.items()
                if not k.startswith(("out/", ".out-"))}
        assert {k: after.get(k) for k in kept} == kept, "an input changed"
    assert staging_folders(workspace) == []
    for check in case.get("checks", []):
        CHECKS[check](workspace, result)


# ---- extra checks ---------------------------------------------------------------------------

def no_formula_cells_in(folder: Path) -> None:
    """No cell or column name of a CSV in ``folder`` would run as a formula."""
    for path in folder.glob("*.csv"):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        cells = [*table.columns, *table.to_numpy().ravel()]
        risky = [c for c in cells if c.startswith(("=", "@", "+"))
                 or (c.startswith("-") and not c.replace("-", "", 1).replace(".", "", 1)
                     .replace("e", "", 1).replace("-", "", 1).isdigit())]
        assert risky == [], (path.name, risky[:3])


def no_formula_cells(workspace: Path, _result) -> None:
    no_formula_cells_in(workspace / "out")
    assert any("'=1+1 Samenwerking" in p.read_text(encoding="utf-8")
               for p in (workspace / "out").glob("*.csv"))


def figures_written(workspace: Path, _result) -> None:
    figures = sorted(p.name for p in (workspace / "out" / "figures").iterdir())
    assert "compare_items_forest.png" in figures and "compare_scale_means.svg" in figures


def saved_config_has_no_injected_key(workspace: Path, _result) -> None:
    text = (workspace / "saved.toml").read_text(encoding="utf-8")
    parsed = tomllib.loads(text)
    for scale in parsed.get("scales", {}).values():
        assert "missing_codes" not in scale, scale
    assert 'samenwerking_1 = "Rol missing_codes = [1, 2]"' in text


def label_prefix_config_has_no_injection(workspace: Path, _result) -> None:
    """Item texts from variable-label prefixes are TOML strings: no key, table or control
    character gets into the drafted config, and it loads."""
    from maatwerk_stats.config import load_config

    text = (workspace / "drafted.toml").read_text(encoding="utf-8")
    parsed = tomllib.loads(text)
    # named after the label prefix (README, init), not the column stem v
    assert list(parsed["scales"]) == ["regie"] and set(parsed["study"]) == {
        "name", "title", "language"}
    scale = parsed["scales"]["regie"]
    assert scale["label"] == "Regie" and "missing_codes" not in scale
    assert scale["item_labels"]["v1"] == 'Ik zeg "nee" ] [study]'
    assert not any(ord(c) < 32 for c in text.replace("\n", ""))
    assert load_config(workspace / "drafted.toml").scales["regie"].items == (
        "v1", "v2", "v3", "v4")


def no_control_characters_printed(_workspace: Path, result) -> None:
    printed = result.stdout + result.stderr
    assert "\x1b" not in printed and "\x07" not in printed
    assert "klik" in printed


def stale_output_removed_own_files_kept(workspace: Path, _result) -> None:
    out = workspace / "out"
    assert not (out / "compare_ordinal.csv").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    manifest = json.loads((out / ".maatwerk-stats.json").read_text(encoding="utf-8"))
    assert "compare_scales.csv" in manifest["compare"]
    assert "compare_ordinal.csv" not in manifest["compare"]


def dead_staging_removed(workspace: Path, _result) -> None:
    assert not (workspace / ".out-999999999-x1y2").exists()
    assert (workspace / "out" / "reliability.csv").exists()


def office_files_hold_replacement_characters(workspace: Path, _result) -> None:
    """correlations.docx and tables.xlsx were written, their XML parses, and the labels'
    vertical tab, form feed and U+FFFF are U+FFFD there."""
    from xml.etree import ElementTree

    for name, part in (("correlations.docx", "word/document.xml"),
                       ("tables.xlsx", "xl/worksheets/sheet1.xml")):
        with zipfile.ZipFile(workspace / "out" / name) as archive:
            text = archive.read(part).decode("utf-8")
        ElementTree.fromstring(text)
        assert "\ufffd" in text and not re.search("[\x0b\x0c\uffff]", text), name


def item_figures_left_out_with_a_note(workspace: Path, result) -> None:
    """61 items: only the scale means are drawn, the note says why, the tables hold every
    item."""
    figures = sorted(p.name for p in (workspace / "out" / "figures").iterdir())
    assert figures == ["compare_scale_means.png", "compare_scale_means.svg"]
    assert "61 items: de itemfiguren" in result.stderr
    notes = json.loads((workspace / "out" / "results.json").read_text(encoding="utf-8"))
    assert "item_figures_left_out" in json.dumps(notes)
    assert len(pd.read_csv(workspace / "out" / "compare_items.csv")) == 61


def killed_commit_undone(workspace: Path, _result) -> None:
    """The journal of a commit killed after its first move: the next run put the old file
    back (and then wrote its own files beside it)."""
    assert not (workspace / ".out-999999999-k1l2").exists()
    assert (workspace / "out" / "reliability.csv").read_text(encoding="utf-8") == "old table"
    assert (workspace / "out" / "power.csv").exists()


def distribution_and_figures_bounded(workspace: Path, _result) -> None:
    """Only the answers given are listed (not 100,001 categories per item and group), and
    the scale-means figure has a handful of ticks."""
    dist = pd.read_csv(workspace / "out" / "compare_distribution.csv")
    assert len(dist) <= 3 * 200
    assert (workspace / "out" / "figures" / "compare_scale_means.png").stat().st_size < 400_000


def no_personal_text_in_output(_workspace: Path, result) -> None:
    printed = result.stdout + result.stderr
    assert "Pietersen" not in printed and "0687654321" not in printed
    assert "'mee eens'" in printed  # a shared answer category is quoted for the value_map


def nothing_extracted(workspace: Path, _result) -> None:
    """A zip-slip member (``../../evil.txt``) is never written, anywhere."""
    for folder in (workspace, workspace.parent, workspace.parent.parent):
        assert not (folder / "evil.txt").exists()


def no_personal_text_in_drafted_config(workspace: Path, result) -> None:
    drafted = (workspace / "drafted.toml").read_text(encoding="utf-8")
    for text in (drafted, result.stdout + result.stderr):
        assert "Pietersen" not in text and "0687654321" not in text
    assert '"mee eens" = 4' in drafted  # a standard answer is written into the value_map


def single_member_team_suppressed_and_warned(workspace: Path, result) -> None:
    """A team of one: its mean is not published (the count is), a saved warning says so, and
    the respondents without a team id are counted, never listed."""
    means = pd.read_csv(workspace / "out" / "team_means.csv")
    single = means[means["n"] == 1]
    assert len(single) and single["mean"].isna().all() and single["suppressed"].all()
    record = json.loads((workspace / "out" / "results.json").read_text(encoding="utf-8"))
    warnings = {n["kind"]: n for n in record["notes"] if n["level"] == "warning"}
    assert warnings["rows_without_team"]["values"] == {"n": 2}
    assert "single_member_teams" in warnings
    assert "Waarschuwing: 1 team(s) hebben maar één lid" in result.stderr  # no config: nl


# ---- privacy: no published file holds a suppressed number or one it can be derived from -----

NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?")


def published_numbers(folder: Path) -> set[float]:
    """Every number in every file under ``folder`` (CSV, JSON, HTML, SVG, and the XML inside
    XLSX and DOCX), rounded to 10 significant digits."""
    texts = []
    for path in folder.rglob("*"):
        if not path.is_file() or path.suffix == ".png":
            continue
        if path.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as archive:
                texts += [archive.read(name).decode("utf-8", "replace")
                          for name in archive.namelist()]
        else:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return {float(f"{float(m.replace(',', '.')):.10g}") for text in texts
            for m in NUMBER.findall(text)}


def _row_numbers(table: pd.DataFrame) -> set[float]:
    values = pd.to_numeric(pd.Series(table.select_dtypes("number").to_numpy().ravel()),
                           errors="coerce").dropna()
    # short numbers (0.5, 4.25) turn up anywhere by coincidence: only those with more digits
    return {float(f"{v:.10g}") for v in values if round(float(v), 3) != float(v)}


def no_suppressed_number_published(workspace: Path, _result) -> None:
    """The same study run without suppression (``min_cell = 1``) gives the numbers of the
    small group ("voor", 3 respondents), of the pooled ``all`` rows (``all`` next to "na"
    gives "voor" back) and the interactions (the "na" effect minus the interaction is the
    "voor" effect): none of them may be in any published file (CSV, XLSX, JSON, HTML, DOCX,
    SVG), while the "na" numbers are."""
    from typer.testing import CliRunner

    config = workspace / "files" / "small_group.toml"
    open_config = workspace / "files" / "small_group_open.toml"
    open_config.write_text(config.read_text(encoding="utf-8").replace(
        "min_cell = 5", "min_cell = 1"), encoding="utf-8")
    result = CliRunner().invoke(app, ["factsheet", "--config", str(open_config),
                                      "--out", "open", "--quiet"])
    assert result.exit_code == 0, result.stderr
    tables = workspace / "open" / "tables"
    secret: set[float] = set()
    public: set[float] = set()
    for path in tables.glob("*.csv"):
        table = pd.read_csv(path)
        if "group" not in table.columns:
            continue
        groups = table["group"].astype(str)
        hidden = groups.isin(["voor", "all"]) | (path.stem == "vignette_interactions")
        if path.stem == "vignette_design":  # design counts and shares stay
            hidden &= table["check"].isin(RATING_CHECKS)
        if path.stem == "vignette_fit":  # variance components: one pooled model, also "na"
            continue
        secret |= _row_numbers(table[hidden])
        public |= _row_numbers(table[~hidden])
    compare = pd.read_csv(tables / "compare_scales.csv")  # every row rests on "voor"
    secret |= _row_numbers(compare.drop(columns=["n_1", "n_2"]))
    secret -= public
    assert len(secret) > 100, len(secret)
    published = published_numbers(workspace / "out")
    leaked = sorted(secret & published)
    assert leaked == [], leaked[:10]
    na = pd.read_csv(workspace / "out" / "tables" / "vignette_coefficients.csv")
    assert _row_numbers(na[na["group"] == "na"]) <= published


def measured_once_not_recomputable(workspace: Path, _result) -> None:
    """Paired study, 57 pairs, 4 respondents measured only before and 2 only after. The
    same study run without suppression (``min_cell = 1``) shows the attack works: its
    ``reliability`` mean over everyone measured minus the pairs' ``compare_scales.mean_1``
    gives the drop-outs' mean (computed here from the data). In the published run no file
    holds that mean, nor the per-measurement means, SDs and mixed-model numbers it can be
    recomputed from; the pairs' comparison is published."""
    from typer.testing import CliRunner

    from maatwerk_stats import load_config, read_data
    from maatwerk_stats.prepare.items import score_scales

    config_path = workspace / "files" / "measured_once.toml"
    dataset = read_data(workspace / "files" / "measured_once.sav")  # make_files.py
    scores = score_scales(dataset, load_config(config_path)).scores
    scores["meting"] = dataset.frame["meting"].map(dataset.variables["meting"].value_labels)
    scored = {group: part.set_index("respnr") for group, part in scores.groupby("meting")}
    truth: dict[tuple[str, str], list[float]] = {}  # (scale, group) → means and SDs
    once_counts: dict[tuple[str, str], int] = {}
    for scale in scores.columns.drop(["respnr", "meting"]):
        ids = {g: set(part[scale].dropna().index) for g, part in scored.items()}
        for group, other in (("voor", "na"), ("na", "voor")):
            once = scored[group].loc[sorted(ids[group] - ids[other]), scale]
            if 0 < len(once) < 5:
                truth[(scale, group)] = [float(once.mean()), float(once.std())]
                once_counts[(scale, group)] = len(once)
    assert len(truth) >= 10, truth  # every scale, before and after

    open_config = workspace / "files" / "measured_once_open.toml"
    open_config.write_text(config_path.read_text(encoding="utf-8") + "\n[report]\n"
                           "min_cell = 1\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["factsheet", "--config", str(open_config), "--out", "open",
                                   "--quiet"])
    assert run.exit_code == 0, run.stderr
    tables = workspace / "open" / "tables"
    reliability = pd.read_csv(tables / "reliability.csv").set_index(["scale", "group"])
    pairs = pd.read_csv(tables / "compare_scales.csv").set_index("variable")
    for (scale, group), (mean, _sd) in truth.items():  # the differencing attack
        row, n_pairs = reliability.loc[(scale, group)], pairs.loc[scale, "n_pairs"]
        pair_mean = pairs.loc[scale, "mean_1" if group == "voor" else "mean_2"]
        recomputed = (row["n_scored"] * row["mean"] - n_pairs * pair_mean) / (
            row["n_scored"] - n_pairs)
        assert recomputed == pytest.approx(mean, abs=1e-9), (scale, group)

    secret = {float(f"{v:.10g}") for values in truth.values() for v in values
              if round(v, 3) != v}  # short numbers (3.0, 0.5) turn up anywhere
    # the measurement's mean and SD over everyone measured, and of "all" beside it
    keys = [*truth, *{(scale, "all") for scale, _ in truth}]
    secret |= _row_numbers(reliability.loc[keys, ["mean", "sd"]])
    # the mixed model on every respondent (site "all"): GLS, linear in the sums of those
    # measured once. Its means give each sum back; its contrast one weighted sum, which is
    # a small group's when only one measurement has a few measured once (the other's sum
    # is published or empty) or when those few are fewer than 5 together
    scales = {scale for scale, _ in truth}
    sizes = {scale: [n for (name, _), n in once_counts.items() if name == scale]
             for scale in scales}
    revealing = {scale for scale, counts in sizes.items()
                 if len(counts) == 1 or sum(counts) < 5}
    assert revealing and revealing != scales  # both situations occur in this study
    mixed = pd.read_csv(tables / "compare_mixed.csv")
    secret |= _row_numbers(mixed[mixed["variable"].isin(revealing) & (mixed["site"] == "all")]
                           .drop(columns=["n_respondents", "n_observations", "n_measured_once",
                                          "n_pairs", "paired_mean_diff", "paired_p_value"]))
    means = pd.read_csv(tables / "compare_mixed_means.csv")
    secret |= _row_numbers(means[means["variable"].isin(scales) & (means["site"] == "all")]
                           .drop(columns="n"))
    public = _row_numbers(pairs.drop(columns=["n_1", "n_2", "n_pairs"]))
    public |= _row_numbers(pd.read_csv(tables / "compare_sites.csv").drop(
        columns=["n_1", "n_2", "n_pairs"]))
    # a fraction such as 404/120 = 202/60 may equal an item's mean by coincidence
    public |= _row_numbers(pd.read_csv(tables / "items.csv")[["mean", "sd"]])
    secret -= public
    assert len(secret) > 100, len(secret)
    published = published_numbers(workspace / "out")
    leaked = sorted(secret & published)
    assert leaked == [], leaked[:10]
    assert _row_numbers(pairs[["mean_1", "mean_2", "mean_diff"]]) <= published


def team_means_not_recomputable(workspace: Path, _result) -> None:
    """Team survey, 15 teams of 5 or more, team 63 with 3 members and 1 respondent without a
    team. Run without suppression (``min_cell = 1``) the attack works: the overall mean in
    ``descriptives.csv`` minus the team means of the teams of 5 or more gives the mean of
    those 4 (computed here from the data). In the published run the smallest team of 5 or
    more is withdrawn too (analyses/small_groups.py), and no file holds the 4's mean or SD,
    team 63's numbers, or the withdrawn team's, nor the ICCs and between-team correlations
    over every team (they rest on the hidden teams' means and spread), while every other team
    mean is published."""
    from typer.testing import CliRunner

    from maatwerk_stats import load_config, read_data
    from maatwerk_stats.prepare.items import score_scales

    config_path = workspace / "files" / "teams_hidden.toml"
    dataset = read_data(workspace / "files" / "teams_hidden.csv")
    scores = score_scales(dataset, load_config(config_path)).scores
    team = dataset.frame["team"]
    hidden = (team == 63) | team.isna()
    scales = ["taakonzekerheid", "steun", "klimaat", "maatwerk"]
    truth = {s: (float(scores.loc[hidden, s].mean()), float(scores.loc[hidden, s].std()))
             for s in scales}
    assert hidden.sum() == 4

    open_config = workspace / "files" / "teams_hidden_open.toml"
    open_config.write_text(config_path.read_text(encoding="utf-8").replace(
        "min_cell = 5", "min_cell = 1"), encoding="utf-8")
    run = CliRunner().invoke(app, ["factsheet", "--config", str(open_config), "--out", "open",
                                   "--quiet"])
    assert run.exit_code == 0, run.stderr
    tables = workspace / "open" / "tables"
    overall = pd.read_csv(tables / "descriptives.csv").set_index("variable")
    means = pd.read_csv(tables / "team_means.csv")
    for scale in scales:  # the differencing attack on what min_cell = 5 published before
        rows = means[(means["variable"] == scale) & (means["n"] >= 5)]
        n_rest = overall.loc[scale, "n"] - rows["n"].sum()
        recomputed = (overall.loc[scale, "n"] * overall.loc[scale, "mean"]
                      - (rows["n"] * rows["mean"]).sum()) / n_rest
        assert n_rest == 4 and recomputed == pytest.approx(truth[scale][0], abs=1e-9), scale

    out = workspace / "out" / "tables"
    published_means = pd.read_csv(out / "team_means.csv")
    withdrawn = published_means[published_means["suppressed"] & (published_means["n"] >= 5)]
    assert sorted(withdrawn["variable"]) == sorted(scales)
    keys = ["team", "variable"]
    hidden_keys = published_means.loc[published_means["suppressed"], keys].astype(str)
    is_hidden = means[keys].astype(str).apply(tuple, axis=1).isin(
        list(hidden_keys.apply(tuple, axis=1)))
    numbers = ["mean", "sd", "conf_low", "conf_high", "rwg_j"]
    secret = {float(f"{v:.10g}") for pair in truth.values() for v in pair}
    secret |= _row_numbers(means.loc[is_hidden, numbers])
    # the rwg(j) summaries and ICCs over every team, the small one included (the ICCs and
    # the overall SD give the hidden teams' sums of squares), and the between-team
    # correlations of every team mean (equations in the hidden means)
    secret |= _row_numbers(pd.read_csv(tables / "team_agreement.csv")[
        ["rwg_j_mean", "rwg_j_median", "rwg_j_share_70", "icc1", "icc2"]])
    secret |= _row_numbers(pd.read_csv(tables / "correlations_between.csv")[
        ["r", "conf_low", "conf_high", "p_value", "p_adjusted"]])
    public = _row_numbers(means.loc[~is_hidden, numbers])
    public |= _row_numbers(pd.read_csv(out / "team_agreement.csv").drop(columns="n"))
    public |= _row_numbers(pd.read_csv(out / "descriptives.csv"))
    for name in ("correlations", "correlations_within"):
        public |= _row_numbers(pd.read_csv(out / f"{name}.csv"))
    secret -= public
    assert len(secret) > 30, len(secret)
    published = published_numbers(workspace / "out")
    leaked = sorted(secret & published)
    assert leaked == [], leaked[:10]
    assert _row_numbers(means.loc[~is_hidden, ["mean", "sd"]]) <= published


def participants_without_a_value_not_recomputable(workspace: Path, _result) -> None:
    """12 interviews, 6 consultants, 5 managers and 1 participant without a role. Run with
    ``min_cell = 1`` the attack works: a code's ``participants_total`` minus its counts per
    role tells whether that one participant mentioned it. Published (``min_cell = 5``), the
    counts by role are withheld altogether, with a note; the totals stay."""
    from typer.testing import CliRunner

    config = workspace / "files" / "qda_roles.toml"
    open_config = workspace / "files" / "qda_roles_open.toml"
    open_config.write_text(config.read_text(encoding="utf-8").replace(
        "min_cell = 5", "min_cell = 1"), encoding="utf-8")
    run = CliRunner().invoke(app, ["codes", "--config", str(open_config), "--out", "open"])
    assert run.exit_code == 0, run.stderr
    codes = pd.read_csv(workspace / "open" / "codes.csv").set_index("path")
    by_role = pd.read_csv(workspace / "open" / "codes_participants.csv")
    said = codes["participants_total"] - by_role.groupby("path")["participants"].sum()
    assert said.to_dict()["Institutioneel\\Belemmerend\\Regels"] == 1  # P12 said it
    assert set(said) == {0, 1}

    published = pd.read_csv(workspace / "out" / "codes_participants.csv")
    assert published["participants"].isna().all() and published["group_size"].isna().all()
    assert published["value"].isna().all()
    record = json.loads((workspace / "out" / "results.json").read_text(encoding="utf-8"))
    assert "codes_attribute_suppressed" in {n["kind"] for n in record["notes"]}
    total = pd.read_csv(workspace / "out" / "codes.csv").set_index("path")["participants_total"]
    assert total.equals(codes["participants_total"])


def factsheet_sheet_read_and_recorded(workspace: Path, result) -> None:
    """factsheet --sheet Data reads the survey from the workbook's second sheet; a note
    (terminal and results.json) names it, the provenance records it."""
    assert ("Let op: files/teams_two_sheets.xlsx heeft 2 tabbladen ('Sheet', 'Data'); "
            "gelezen: 'Data' (nummer 2).") in result.stderr
    record = json.loads((workspace / "out" / "results.json").read_text(encoding="utf-8"))
    inputs = record["provenance"]["inputs"]
    assert [(i["sheet"], i["sheets"]) for i in inputs] == [("Data", ["Sheet", "Data"])]
    assert record["provenance"]["options"]["sheet"] == "Data"
    assert "workbook_sheet_read" in {n["kind"] for n in record["notes"]}
    agreement = pd.read_csv(workspace / "out" / "tables" / "team_agreement.csv")
    assert (agreement["n"] == 190).all()  # every respondent with a team


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def no_control_characters_or_formulas_published(workspace: Path, result) -> None:
    """Team ids that are a formula or carry terminal escapes: no published text file (CSV,
    JSON, SVG) and no terminal line holds a control character; formula cells are text."""
    assert not CONTROL.search(result.stdout + result.stderr)
    for path in (workspace / "out").rglob("*"):
        if path.is_file() and path.suffix in (".csv", ".json", ".svg"):
            assert not CONTROL.search(path.read_text(encoding="utf-8")), path.name
    teams = pd.read_csv(workspace / "out" / "team_means.csv", dtype=str)["team"]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in set(teams)
    assert "'@SUM(1)" in set(teams)
    assert "\ufffd]8;;http://evil\ufffdklik\ufffd]8;;\ufffd" in set(teams)
    no_formula_cells_in(workspace / "out")


def small_category_not_published(workspace: Path, result) -> None:
    """``functie`` has 2 managers: ``functie[manager]`` is their adjusted mean against the
    consultants. Run with ``min_cell = 1`` it is published in every model; with 5 none of its
    numbers is in any file, the other coefficients are, and a note says why."""
    from typer.testing import CliRunner

    config = workspace / "files" / "teams_hidden.toml"
    open_config = workspace / "files" / "teams_hidden_open.toml"
    open_config.write_text(config.read_text(encoding="utf-8").replace(
        "min_cell = 5", "min_cell = 1"), encoding="utf-8")
    args = ["regress", "files/teams_small_category.csv", "--config", str(open_config),
            "--outcome", "maatwerk", "--predictors", "steun,functie", "--categorical",
            "functie", "--team", "team", "--no-figures", "--out", "open"]
    run = CliRunner().invoke(app, args)
    assert run.exit_code == 0, run.stderr
    columns = ["estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high",
               "std_estimate"]
    opened = pd.read_csv(workspace / "open" / "regression_coefficients.csv")
    manager = opened["term"] == "functie[manager]"
    assert manager.sum() == 3 and opened.loc[manager, "estimate"].notna().all()
    secret = _row_numbers(opened.loc[manager, columns])
    public = _row_numbers(opened.loc[~manager, columns])
    secret -= public
    assert len(secret) >= 15, len(secret)
    published = published_numbers(workspace / "out")
    assert sorted(secret & published) == []
    assert public <= published
    closed = pd.read_csv(workspace / "out" / "regression_coefficients.csv")
    assert closed.loc[closed["term"] == "functie[manager]", columns].isna().all().all()
    assert "regressie maatwerk: functie heeft een categorie met minder dan 5" in result.stderr


def second_sheet_read_and_recorded(workspace: Path, result) -> None:
    """--sheet 2 reads the sheet 'Data'; the note names it and results.json records it."""
    assert ("Let op: files/two_sheets.xlsx heeft 2 tabbladen ('Sheet', 'Data'); gelezen: "
            "'Data' (nummer 2).") in " ".join(result.stderr.split())
    record = json.loads((workspace / "out" / "results.json").read_text(encoding="utf-8"))
    inputs = record["provenance"]["inputs"]
    assert [(i["sheet"], i["sheets"]) for i in inputs] == [("Data", ["Sheet", "Data"])]
    assert pd.read_csv(workspace / "out" / "reliability.csv")["n"].iloc[0] == 10


def degenerate_group_left_empty(workspace: Path, result) -> None:
    """The "voor" group (one respondent, or ratings that never vary) has no estimate, no
    p-value and no influence label anywhere, and a saved warning says why; "na" is there."""
    out = workspace / "out"
    for name in ("vignette_coefficients", "vignette_influence", "vignette_marginal_means"):
        table = pd.read_csv(out / f"{name}.csv")
        voor = table[table["group"] == "voor"]
        assert len(voor) and voor["estimate"].isna().all(), name
        assert table[table["group"] == "na"]["estimate"].notna().all(), name
    influence = pd.read_csv(out / "vignette_influence.csv")
    assert influence[influence["group"] == "voor"]["label"].isna().all()
    assert pd.read_csv(out / "vignette_interactions.csv")["p_value"].isna().all()
    record = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert [w["subject"] for w in record["warnings"] if w["kind"] == "degenerate_group"] \
        == ["voor"]
    assert "Waarschuwing: groep 'voor' heeft " in result.stderr  # the config's language


def no_respondent_id_printed(workspace: Path, result) -> None:
    """The demo's straight-liner (respondent 236) is counted on the terminal, its id is only
    in vignette_design.csv (the analyst's file; the factsheet blanks it)."""
    printed = result.stdout + result.stderr
    assert "236" not in printed
    assert "ids in vignette_design.csv, controle straightliners)" in printed  # nl config
    design = pd.read_csv(workspace / "out" / "vignette_design.csv", dtype=str)
    assert "236" in set(design.loc[design["check"] == "straightliners", "note"].dropna())


def personal_text_not_printed(_workspace: Path, result) -> None:
    printed = result.stdout + result.stderr
    assert "Pietersen" not in printed and "0687654321" not in printed


def codebook_read_58_rows(_workspace: Path, result) -> None:
    assert ": 58 rijen, 18 variabelen" in result.stdout + result.stderr, result.stdout[:300]


def codebook_read_2000_columns(_workspace: Path, result) -> None:
    assert "kolom_met_een_heel_erg_lange_naam_nummer_1999" in result.stdout


def id_102_not_printed(_workspace: Path, result) -> None:
    assert "102" not in result.stdout + result.stderr


def duplicate_id_warned_without_the_id(workspace: Path, result) -> None:
    """An id on two rows (no paired design): exit 0 with a warning counting the ids and
    naming the data rows; the id itself is neither printed nor in the notes."""
    printed = " ".join((result.stdout + result.stderr).split())
    assert ("Waarschuwing: id-kolom 'respnr' van dup_ids.csv: 1 id('s) komen meer dan eens "
            "voor (2 rijen: datarijen 2, 4).") in printed
    record = json.loads((workspace / "out" / "results.json").read_text(encoding="utf-8"))
    assert [n["values"]["n_ids"] for n in record["notes"] if n["kind"] == "duplicate_ids"] \
        == [1]
    assert "80417" not in printed and "80417" not in json.dumps(record["notes"])


def personal_group_value_counted_not_quoted(workspace: Path, result) -> None:
    printed = result.stdout + result.stderr
    published = "".join(p.read_text(encoding="utf-8") for p in (workspace / "out").glob("*.*")
                        if p.suffix in (".csv", ".json"))
    for text in (printed, published):
        assert "Pietersen" not in text and "0687654321" not in text
    assert ("1 rij(en) met een andere waarde in 'meting' zijn weggelaten (vergeleken: "
            "voor, na).") in printed


CHECKS = {f.__name__: f for f in (no_suppressed_number_published,
                                   second_sheet_read_and_recorded,
                                   measured_once_not_recomputable, no_formula_cells,
                                   team_means_not_recomputable,
                                   participants_without_a_value_not_recomputable,
                                   factsheet_sheet_read_and_recorded,
                                   no_control_characters_or_formulas_published,
                                   small_category_not_published,
                                   degenerate_group_left_empty, no_respondent_id_printed,
                                   personal_group_value_counted_not_quoted,
                                   personal_text_not_printed, id_102_not_printed,
                                   duplicate_id_warned_without_the_id,
                                   codebook_read_58_rows, codebook_read_2000_columns,
                                   figures_written, no_personal_text_in_output,
                                   no_personal_text_in_drafted_config,
                                   distribution_and_figures_bounded,
                                   saved_config_has_no_injected_key,
                                   no_control_characters_printed,
                                   stale_output_removed_own_files_kept, dead_staging_removed,
                                   killed_commit_undone,
                                   item_figures_left_out_with_a_note,
                                   office_files_hold_replacement_characters,
                                   single_member_team_suppressed_and_warned,
                                   label_prefix_config_has_no_injection,
                                   nothing_extracted)}


def test_every_named_check_exists():
    named = {check for case in CASES for check in case.get("checks", [])}
    assert named <= set(CHECKS), named - set(CHECKS)


# ---- any text through the writers (hypothesis) ------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(label=ANY_TEXT)
def test_any_label_survives_csv_and_xlsx(label, tmp_path):
    """Whatever a label holds, the CSV reads back the same text (a formula only gains a
    leading apostrophe, a carriage return becomes a line break, a control character U+FFFD)
    and the workbook opens with the text stored as text."""
    import io

    from openpyxl import load_workbook

    from maatwerk_stats.io.write import CONTROL_CHARACTERS, OutputWriter
    from maatwerk_stats.report.xlsx import tables_workbook

    table = pd.DataFrame({"label": [label], "estimate": [-1.5]})
    with OutputWriter(tmp_path / "out") as writer:
        writer.write_csv("t.csv", table)
        writer.write_bytes("t.xlsx", tables_workbook({"t": table}))
    back = pd.read_csv(tmp_path / "out" / "t.csv", dtype=str, keep_default_na=False)
    cell = back["label"][0]
    expected = re.sub(CONTROL_CHARACTERS, "\ufffd",
                      label.replace("\r\n", "\n").replace("\r", "\n"))
    assert cell in (expected, "'" + expected)
    assert not CONTROL.search(cell)
    sheet = load_workbook(io.BytesIO((tmp_path / "out" / "t.xlsx").read_bytes()))["t"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert back["estimate"][0] == "-1.5"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(label=ANY_TEXT)
def test_any_label_survives_a_figure(label, tmp_path):
    """Figures take any label: TeX dollars are literal, missing glyphs do not stop them."""
    import warnings

    from maatwerk_stats.io.write import OutputWriter
    from maatwerk_stats.report.figures.plotting import save_figure, subplots

    fig, ax = subplots(figsize=(3, 2))
    ax.set_title(label[:80])
    ax.barh([label[:40] or "x"], [1.0])
    with OutputWriter(tmp_path / "out") as writer, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        save_figure(fig, writer, "f", folder="")
    assert (tmp_path / "out" / "f.png").stat().st_size > 0


if __name__ == "__main__":  # the corpus size per class, for the issue's closing note
    sizes = corpus_size_per_class()
    print("| class | cases |\n|---|---:|")
    for number, count in sizes.items():
        print(f"| {number} {CLASS_TITLES[number]} | {count} |")
    print(f"| all | {sum(sizes.values())} |")
