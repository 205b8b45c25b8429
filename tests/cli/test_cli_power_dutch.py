"""``power``: more of the planning mistakes, the exact Dutch line (the default) and the
English one (``--lang en``)."""

from __future__ import annotations

import pytest

PLAN = """\
[vignette]
[vignette.factors.hulp]
levels = ["goed", "slecht"]
[vignette.factors.capaciteiten]
levels = ["slecht", "matig", "goed"]
"""

VIGNETTE = ["power", "vignette", "--config", "plan.toml", "--icc", "0.3", "--effect",
            "hulp=1", "--out", "o"]


@pytest.mark.parametrize(("args", "dutch", "english"), [
    (["power", "compare", "--n", "50", "--delta", "0", "--out", "o"],
     "Fout: --delta 0.0: geef het verschil dat aangetoond moet worden; het mag niet 0 zijn.",
     "Error: --delta 0.0: give a non-zero difference to detect."),
    (["power", "compare", "--n", ",", "--delta", "0.5", "--out", "o"],
     "Fout: --n , bevat geen steekproefomvang.",
     "Error: --n , holds no size."),
    (["power", "compare", "--n", "50", "--delta", "0.5", "--sd", "-1", "--out", "o"],
     "Fout: --sd -1.0 moet een positief getal zijn.",
     "Error: --sd -1.0 must be a positive number."),
    ([*VIGNETTE, "--respondents", "20", "--groups", "voor,voor"],
     "Fout: --groups voor,voor: geef twee verschillende groepsnamen, de eerdere groep eerst.",
     "Error: --groups voor,voor: give two different group names, the first one before."),
    ([*VIGNETTE, "--respondents", "20", "--interaction", "hulp=0.5"],
     "Fout: --interaction heeft twee groepen nodig (--groups, bijvoorbeeld --groups "
     "voor,na).",
     "Error: --interaction needs two groups (--groups, e.g. --groups voor,na)."),
    ([*VIGNETTE, "--respondents", "1"],
     "Fout: --respondents 1: een random intercept per respondent heeft minstens 2 "
     "respondenten (per groep) nodig.",
     "Error: --respondents 1: a random intercept per respondent needs at least 2 "
     "respondents (per group)."),
])
def test_a_planning_mistake_in_either_language(run_cli, tmp_path, args, dutch, english):
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    result = run_cli(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr == dutch + "\n"
    result = run_cli(*args, "--lang", "en")
    assert result.exit_code == 2, result.stderr
    assert result.stderr == english + "\n"
    assert not (tmp_path / "o").exists()
