"""Omega hierarchical of a total with subscales (``stats.bifactor``) against lavaan + psych.

Golden values: ``tests/reference/omega_hierarchical.R`` (R 4.2.2, lavaan 0.6, psych 2.2.9):
``lavaan::cfa`` of the bifactor model (std.lv, orthogonal, ML on R of the complete cases),
``psych::omegaFromSem(fit)$omega``; on lavaan's HolzingerSwineford1939 (3 × 3 items), psych's
bfi (25 items in the five Big Five scales) and the paired demo's methodisch werken (four
two-item steps; both measurements, and measurement 1 alone).

Tolerances: 1e-6 absolute (lavaan itself converges to ~1e-7: its omegaFromSem value and the
one from its standardized loadings differ by up to 1.6e-7; on bfi ours is 8e-7 from lavaan's,
with an ML discrepancy 2.6e-11 lower than lavaan's, which the R script reports as ``f_ml``).
Holzinger–Swineford is a Heywood case: lavaan's unique variance of x1 is −0.84; we hold it
at 0.005 and flag it, and match lavaan with the same bound (row ``holzinger_bounded``) to 1e-5
(both optimisers stop within ~2e-6 of each other at the bound; our F is not higher), not
lavaan's improper solution (3.3e-4 away).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatwerk_stats.analyses.scales import reliability
from maatwerk_stats.config import load_config
from maatwerk_stats.io.read import read_data
from maatwerk_stats.prepare.items import score_scales
from maatwerk_stats.stats import bifactor

from .conftest import REFERENCE

DATA = REFERENCE / "data"
STEPS = [["methodisch_1", "methodisch_2"], ["methodisch_3", "methodisch_7"],
         ["methodisch_4", "methodisch_8"], ["methodisch_5", "methodisch_6"]]


def _cases() -> dict[str, tuple[np.ndarray, list[int]]]:
    """The golden data sets as item matrices (complete cases) and subscale codes, read and
    keyed without the package's config code."""
    holzinger = pd.read_csv(DATA / "holzinger.csv")
    bfi = pd.read_csv(DATA / "bfi.csv")
    for item in ("A1", "C4", "C5", "E1", "E2", "O2", "O5"):
        bfi[item] = 7 - bfi[item]
    demo = pd.read_csv(DATA / "gewogen_methodisch.csv")
    parts = {
        "holzinger": (holzinger, [[f"x{i}" for i in range(j, j + 3)] for j in (1, 4, 7)]),
        "bfi": (bfi, [[f"{letter}{i}" for i in range(1, 6)] for letter in "ACENO"]),
        "gewogen_all": (demo, STEPS),
        "gewogen_meting_1": (demo[demo["meting"] == 1], STEPS),
    }
    cases = {}
    for name, (frame, subscales) in parts.items():
        items = [item for sub in subscales for item in sub]
        groups = [k for k, sub in enumerate(subscales) for _ in sub]
        cases[name] = (frame[items].dropna().to_numpy(dtype=float), groups)
    return cases


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return pd.read_csv(REFERENCE / "omega_hierarchical.csv").set_index("dataset")


@pytest.fixture(scope="module")
def cases() -> dict[str, tuple[np.ndarray, list[int]]]:
    return _cases()


@pytest.mark.parametrize("name", ["bfi", "gewogen_all", "gewogen_meting_1"])
def test_omega_h_matches_lavaan_and_omega_from_sem(cases, expected, name):
    x, groups = cases[name]
    assert len(x) == expected.loc[name, "n"]
    result = bifactor.omega_hierarchical(x, groups)
    assert result.identified and not result.heywood
    assert result.omega_h == pytest.approx(expected.loc[name, "omega_h"], abs=1e-6)
    assert result.omega_h == pytest.approx(expected.loc[name, "omega_h_std"], abs=1e-6)


@pytest.mark.parametrize("name", ["holzinger_bounded", "bfi", "gewogen_all",
                                  "gewogen_meting_1"])
def test_the_fit_is_never_worse_than_lavaans(cases, expected, name):
    """Our minimum of the ML discrepancy is at most lavaan's (lavaan stops earlier: on bfi
    its F is 2.6e-11 higher, which is where its ω_h differs from ours by 8e-7)."""
    from maatwerk_stats.stats.reliability import minres_one_factor

    x, groups = cases[name.removesuffix("_bounded")]
    r = np.corrcoef(x, rowvar=False)
    key = np.where(minres_one_factor(r) < 0, -1.0, 1.0)
    value = bifactor.fit_bifactor(key[:, None] * r * key[None, :], groups)[3]
    assert value <= expected.loc[name, "f_ml"] + 1e-12
    assert value >= expected.loc[name, "f_ml"] - 1e-6  # the same minimum


def _simulated(seed: int) -> tuple[np.ndarray, list[int]]:
    """A correlation matrix of simulated bifactor data with weak group factors (so that
    some go to 0) and its subscale codes: three or four subscales of 2–3 items."""
    rng = np.random.default_rng(seed)
    k = int(rng.integers(3, 5))
    sizes = rng.integers(2, 4, k)
    groups = np.repeat(np.arange(k), sizes).tolist()
    n, p = int(rng.integers(30, 200)), int(sizes.sum())
    x = (0.7 * rng.standard_normal((n, 1))
         + rng.uniform(0, 0.5) * rng.standard_normal((n, k))[:, groups]
         + rng.standard_normal((n, p)))
    return np.corrcoef(x, rowvar=False), groups


def _same_bits_with_and_without_the_stop(r: np.ndarray, groups: list[int]) -> bool:
    """Assert that fit_bifactor gives the same bits as all 100 scoring iterations (its
    fixed-point stop switched off); whether the stop was taken."""
    stops: list[bool] = []
    original = bifactor._fixed_point

    def counted(candidate: np.ndarray, theta: np.ndarray) -> bool:
        stops.append(original(candidate, theta))
        return stops[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bifactor, "_fixed_point", counted)
        fast = bifactor.fit_bifactor(r, groups)
        patch.setattr(bifactor, "_fixed_point", lambda candidate, theta: False)
        slow = bifactor.fit_bifactor(r, groups)
    for ours, full in zip(fast, slow, strict=True):
        assert np.asarray(ours).tobytes() == np.asarray(full).tobytes()
    return bool(stops) and stops[-1]


def test_stopping_at_a_fixed_point_gives_the_same_bits(cases):
    """The scoring stops when a step leaves θ unchanged; every later step would too, so the
    fit is bit for bit that of all 100 iterations: on the golden cases (a Heywood case, 25
    items, the paired demo, where group loadings go to 0) and on simulated data. Where the
    stop is taken depends on the last bits of the BLAS in use (the demo's two cases swap
    with OPENBLAS_CORETYPE), so the test asks only that it is taken somewhere, lest the
    comparison be vacuous."""
    from maatwerk_stats.stats.reliability import minres_one_factor

    stopped = []
    for x, groups in cases.values():
        r = np.corrcoef(x, rowvar=False)
        key = np.where(minres_one_factor(r) < 0, -1.0, 1.0)
        stopped.append(_same_bits_with_and_without_the_stop(key[:, None] * r * key[None, :],
                                                            groups))
    stopped += [_same_bits_with_and_without_the_stop(*_simulated(seed)) for seed in range(12)]
    assert sum(stopped) >= 2


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_stopping_at_a_fixed_point_gives_the_same_bits_on_random_data(seed):
    _same_bits_with_and_without_the_stop(*_simulated(seed))


def test_a_heywood_case_is_held_at_the_bound_and_flagged(cases, expected):
    x, groups = cases["holzinger"]
    result = bifactor.omega_hierarchical(x, groups)
    assert result.heywood
    assert expected.loc["holzinger", "min_unique_variance"] < 0  # lavaan: improper
    assert expected.loc["holzinger_bounded", "min_unique_variance"] == pytest.approx(
        bifactor.MIN_UNIQUENESS, abs=1e-8)
    assert result.omega_h == pytest.approx(expected.loc["holzinger_bounded", "omega_h"],
                                           abs=1e-5)
    gap = abs(result.omega_h - expected.loc["holzinger", "omega_h"])
    assert 1e-4 < gap < 1e-3  # the documented difference from lavaan's improper solution


def test_fewer_than_three_parts_are_not_identified(cases):
    x, groups = cases["gewogen_all"]
    two = [0, 0, 1, 1]
    result = bifactor.omega_hierarchical(x[:, :4], two)
    assert np.isnan(result.omega_h) and not result.identified
    assert not bifactor.identified([0, 0, 0, 1, 1, 1])
    assert bifactor.identified([0, 0, 0, 1, 1, 1, -1])  # an item in no subscale is a part
    assert bifactor.identified(groups)


def test_omega_h_does_not_depend_on_item_order_or_on_reversing_an_item(cases):
    x, groups = cases["gewogen_all"]
    base = bifactor.omega_hierarchical(x, groups).omega_h
    order = np.random.default_rng(3).permutation(x.shape[1])
    shuffled = bifactor.omega_hierarchical(x[:, order], [groups[j] for j in order]).omega_h
    assert shuffled == pytest.approx(base, abs=1e-7)
    flipped = x.copy()
    flipped[:, 2] = 6 - flipped[:, 2]  # psych's flip: an item loading negatively on g
    assert bifactor.omega_hierarchical(flipped, groups).omega_h == pytest.approx(base, abs=1e-7)


def test_reliability_reports_omega_h_for_the_total_only_and_says_when_not_identified(
        expected):
    config = load_config(REFERENCE / "gewogen_methodisch.toml")
    data = read_data(DATA / "gewogen_methodisch.csv")
    scored = score_scales(data, config)
    by = data.frame["meting"].map(lambda v: str(int(v)))
    result = reliability(scored, by=by.rename("meting"))
    table = result.reliability.set_index(["scale", "group"])
    assert table.loc[("methodisch", "all"), "omega_h"] == pytest.approx(
        expected.loc["gewogen_all", "omega_h"], abs=1e-6)
    assert table.loc[("methodisch", "1"), "omega_h"] == pytest.approx(
        expected.loc["gewogen_meting_1", "omega_h"], abs=1e-6)
    subscales = result.reliability[result.reliability["parent"].notna()]
    assert subscales["omega_h"].isna().all()
    assert table.loc[("two_steps", "all"), ["omega_h"]].isna().all()
    notes = [n for n in result.notes if n.kind == "omega_h_not_identified"]
    assert [n.subject for n in notes] == ["two_steps"]
    assert notes[0].text() == (
        "scale two_steps: omega hierarchical (omega_h) is not computed: with 2 subscales the "
        "general factor is not identified; it needs at least 3 subscales (psych::omega's rule "
        "too). omega_total and alpha are reported.")


def test_omega_h_is_left_out_when_the_subscales_are_not_selected():
    config = load_config(REFERENCE / "gewogen_methodisch.toml")
    scored = score_scales(read_data(DATA / "gewogen_methodisch.csv"), config,
                          scales=["methodisch"])
    result = reliability(scored)
    assert result.reliability["omega_h"].isna().all()
    assert not [n for n in result.notes if n.kind.startswith("omega_h")]


def test_the_factsheet_methods_give_omega_h_per_measurement_or_say_why_not(expected):
    """The Verantwoording: ω_h of the total per measurement, and for a total with two
    subscales that it is not identified (nl and en)."""
    from maatwerk_stats.api import compare
    from maatwerk_stats.report.factsheet.prepost import methods_omega_h

    config = load_config(REFERENCE / "gewogen_methodisch.toml")
    data = read_data(DATA / "gewogen_methodisch.csv")
    comparison = compare(data, config=config, group="meting")
    assert comparison.groups == ("1", "2")
    by = data.frame["meting"].map(lambda v: str(int(v))).rename("meting")
    table = reliability(score_scales(data, config), by=by).reliability
    value = table.set_index(["scale", "group"]).loc[("methodisch", "1"), "omega_h"]
    assert value == pytest.approx(expected.loc["gewogen_meting_1", "omega_h"], abs=1e-6)
    nl = methods_omega_h(comparison, table, "nl")
    assert len(nl) == 2
    # measurement codes without groups.labels are quoted (report/labels.py: group_words)
    assert nl[0].startswith("Omega hiërarchisch van methodisch: 0,83 (“1”) / ")
    assert "bifactormodel met de 4 subschalen als groepsfactoren" in nl[0]
    assert nl[1] == ("Voor two steps is geen omega hiërarchisch berekend: met 2 subschalen is "
                     "de gemeenschappelijke factor niet te schatten (daarvoor zijn er minstens "
                     "3 nodig).")
    en = methods_omega_h(comparison, table, "en")
    assert en[0].startswith("Omega hierarchical of Methodisch: 0.83 (“1”) / ")
    # a suppressed (blank) measurement is left out, not shown as "nan"
    blank = table.assign(omega_h=table["omega_h"].where(table["group"] != "2"))
    assert methods_omega_h(comparison, blank, "nl")[0].endswith(
        "0,83 (“1”); het deel van de verschillen in de totaalscore dat op één gemeenschappelijke "
        "factor terug te voeren is, uit een bifactormodel met de 4 subschalen als "
        "groepsfactoren.")


def test_a_singular_correlation_matrix_gives_nan_and_a_note(tmp_path):
    """Fewer complete respondents than items: R is singular and the ML fit undefined (lavaan
    refuses such a matrix too); ω_h is NaN, not a number from a degenerate fit (it was 4.19
    on 8 × 9 random answers before this check), and a note says why."""
    from maatwerk_stats.config import ScaleConfig, StudyConfig
    from maatwerk_stats.io.dataset import Dataset

    rng = np.random.default_rng(4)
    x = rng.integers(1, 6, (8, 9)).astype(float)
    groups = [0, 0, 0, 1, 1, 1, 2, 2, 2]
    result = bifactor.omega_hierarchical(x, groups)
    assert np.isnan(result.omega_h) and result.identified
    items = tuple(f"q{i}" for i in range(1, 10))
    subs = {f"s{j}": ScaleConfig(name=f"s{j}", label=f"S{j}", items=items[3 * j:3 * j + 3],
                                 range=(1, 5), parent="total") for j in range(3)}
    total = ScaleConfig(name="total", label="Total", items=items, range=(1, 5),
                        subscales=tuple(subs))
    data = Dataset(frame=pd.DataFrame(x, columns=list(items)), variables={},
                   path=tmp_path / "x.csv", file_format="csv", sha256="0")
    scored = score_scales(data, StudyConfig(scales={"total": total, **subs}))
    out = reliability(scored)
    assert out.reliability["omega_h"].isna().all()
    notes = [n for n in out.notes if n.kind == "omega_h_not_estimated"]
    assert [n.subject for n in notes] == ["total"]
    assert "correlation matrix of the 8 complete respondents is singular" in notes[0].text()


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(st.integers(3, 4), st.integers(0, 2**32 - 1), st.randoms(use_true_random=False))
def test_omega_h_is_a_share_and_does_not_depend_on_item_order_or_keying(k, seed, random):
    """On simulated bifactor Likert data (three or four subscales of 2–3 items, 20–60
    respondents): ω_h lies in [0, 1], and neither the order of the items nor reversing an
    item changes it (psych's flip)."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(2, 4, k)
    groups = np.repeat(np.arange(k), sizes)
    n, p = int(rng.integers(20, 61)), int(sizes.sum())
    factor, specific = rng.standard_normal((n, 1)), rng.standard_normal((n, k))
    x = np.clip(np.round(3 + 1.2 * (0.6 * factor + 0.4 * specific[:, groups]
                                    + 0.7 * rng.standard_normal((n, p)))), 1, 5)
    if np.any(x.std(axis=0) == 0):
        return
    base = bifactor.omega_hierarchical(x, groups).omega_h
    assert 0 <= base <= 1
    order = list(range(p))
    random.shuffle(order)
    shuffled = bifactor.omega_hierarchical(x[:, order], groups[order]).omega_h
    assert shuffled == pytest.approx(base, abs=1e-6)
    flipped = x.copy()
    flipped[:, order[0]] = 6 - flipped[:, order[0]]
    assert bifactor.omega_hierarchical(flipped, groups).omega_h == pytest.approx(base, abs=1e-6)
