"""The comments ``maatwerk-stats init`` writes are in the config's language (config/draft.py):
Dutch by default, English with ``language="en"`` (``init --lang en``) or English answers. The
marker ``# CHECK:`` stays literal in both."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from maatwerk_stats.config import parse_config
from maatwerk_stats.config.draft import draft_config
from maatwerk_stats.io.read import read_data

from .test_draft import _labelled_survey, frame_dataset

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"

# English sentences of the comments (as init wrote them before they were translated): none
# may be in a Dutch draft.
ENGLISH = ("Study config drafted by", "Read every line marked", "Every key is described",
           "Paths are relative", "the title of the factsheet", "respondent id column",
           "tables, figures, factsheet", "reverse-keyed items", "answers of the",
           "answered items needed", "The answer texts of", "the factsheet quotes each item",
           "looks like a code for no answer", "look like a code for no answer",
           "from the observed answers", "lowest and highest answer", "goes against",
           "go against", "guessed from the SPSS", "other answer text", "need a number too",
           "answers are this text", "Two measurements in one file", "stored codes",
           "as the tables and the factsheet", "true when the same people", "Two files:",
           "display labels", "of the ids occur", "Vignette study", "the rating column",
           "the reference level", "as the text and figures", "Input files for",
           "What the factsheet says", "factsheet title", "a paragraph under the title",
           "a line at the bottom", "statistics on fewer people", "no column with two",
           "Professionals in teams (one measurement)", "the team each respondent",
           "scale names or data columns", "no scales found", "from the SPSS value labels",
           "before first", "not every answer occurs", "is not known from the data")


def _inputs() -> dict[str, list]:
    """Data that make init write every kind of comment: text answers with weet niet and a
    rare answer, a reverse item and 9 = weet niet, SPSS labels, two files with a vignette
    file, teams, and a file without scales or groups."""
    rng = np.random.default_rng(3)
    base = rng.integers(1, 6, 40)
    answers = (["helemaal mee oneens", "mee oneens", "mee eens", "helemaal mee eens"] * 10
               + ["weet niet"] * 5 + ["anders"] * 6 + ["mijn eigen woorden"])
    numeric = pd.DataFrame({"m_1": base, "m_2": np.clip(base + rng.integers(-1, 2, 40), 1, 5),
                            "m_3": 6 - base})
    numeric.loc[[2, 7], "m_1"] = 9
    two_reversed = pd.DataFrame({"p_1": base, "p_2": np.clip(base + rng.integers(-1, 2, 40),
                                                             1, 5), "p_3": 6 - base,
                                 "p_4": np.clip(7 - base, 1, 5)})
    two_reversed.loc[[1, 4], "p_1"] = 8
    two_reversed.loc[[3, 5], "p_2"] = 9
    paired = pd.DataFrame({"respnr": list(range(20)) * 2, "meting": ["voor"] * 20 + ["na"] * 20,
                           "s_1": rng.integers(1, 6, 40), "s_2": rng.integers(1, 6, 40)})
    unknown = pd.DataFrame({f"u_{i}": ["ja", "nee"] * 5 + ["eigen", "woorden"] for i in (1, 2)})
    return {
        "two reversed, 8 and 9": [frame_dataset(two_reversed)],
        "paired in one file": [frame_dataset(paired)],
        "unknown answer texts": [frame_dataset(unknown)],
        "text answers": [frame_dataset(pd.DataFrame({f"a_{i}": answers for i in (1, 2)}))],
        "reverse and 9": [frame_dataset(numeric)],
        "SPSS labels": [_labelled_survey()],
        "two files and vignettes": [read_data(DEMO / n) for n in
                                    ("pre.sav", "post.sav", "vignetten.csv")],
        "one file with groups": [read_data(ROOT / "data" / "voorbeeld" / "enquete.csv")],
        "teams": [read_data(DEMO / "teams.sav")],
        "nothing found": [frame_dataset(pd.DataFrame({"leeftijd": [20, 30, 40]}))],
        "three files": [frame_dataset(pd.DataFrame({"leeftijd": [20, 30, 40]}))] * 3,
    }


INPUTS = _inputs()


def _comments(text: str) -> list[str]:
    """Every comment of a draft: whole comment lines and the comment after a TOML line."""
    found = []
    for line in text.splitlines():
        if line.startswith("#"):
            found.append(line.lstrip("#").strip())
        elif "# " in line and not line.lstrip().startswith(("[", '"')):
            found.append(line.split("# ", 1)[1])
    return found


@pytest.mark.parametrize("case", list(INPUTS))
def test_a_dutch_draft_has_no_english_comment(case):
    draft = draft_config(INPUTS[case], Path("configs/s.toml"), language="nl")
    assert draft.language == "nl"
    said = " ".join(" ".join(_comments(draft.text)).split())  # wrapped lines joined
    assert not [phrase for phrase in ENGLISH if phrase in said], said
    # the marker stays literal, one per point to check (no wrapped line starts with it)
    assert len(re.findall(r"^# CHECK: ", draft.text, re.M)) == len(draft.checks) > 0
    parse_config(tomllib.loads(draft.text))


@pytest.mark.parametrize("case", list(INPUTS))
def test_an_english_draft_is_the_same_config_with_english_comments(case):
    dutch = draft_config(INPUTS[case], Path("configs/s.toml"), language="nl")
    english = draft_config(INPUTS[case], Path("configs/s.toml"), language="en")
    said = " ".join(" ".join(_comments(english.text)).split())
    assert "Read every line marked CHECK:" in said and "Lees elke regel" not in said
    assert len(english.checks) == len(dutch.checks)  # the same points to check
    assert english.text.count("\n# CHECK: ") == dutch.text.count("\n# CHECK: ")
    drop = {"language"}  # the only value that differs
    assert ({k: v for k, v in tomllib.loads(english.text)["study"].items() if k not in drop}
            == {k: v for k, v in tomllib.loads(dutch.text)["study"].items() if k not in drop})
    assert ({k: v for k, v in tomllib.loads(english.text).items() if k != "study"}
            == {k: v for k, v in tomllib.loads(dutch.text).items() if k != "study"})


def test_every_english_phrase_is_written_by_some_english_draft():
    """The list above is what init writes in English: a phrase no longer written would make
    the Dutch test pass without looking."""
    said = " ".join(" ".join(" ".join(_comments(draft_config(
        d, Path("configs/s.toml"), language="en").text)).split()) for d in INPUTS.values())
    assert [phrase for phrase in ENGLISH if phrase not in said] == []


def test_english_answers_draft_english_comments_and_dutch_ones_dutch():
    english = pd.DataFrame({f"f_{i}": ["never", "rarely", "sometimes", "often", "always"] * 2
                            for i in (1, 2)})
    draft = draft_config([frame_dataset(english)], Path("configs/s.toml"))
    assert draft.language == "en" and "# Read every line marked CHECK:" in draft.text
    assert "5 answers of the English frequency scale" in draft.text
    dutch = draft_config(INPUTS["text answers"], Path("configs/s.toml"))
    assert dutch.language == "nl" and "# Lees elke regel gemarkeerd met CHECK:" in dutch.text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_hash_in_a_comment_stays_with_its_words(lang):
    """"give it its number and remove the #": a wrapped line never starts with that "#"."""
    for data in INPUTS.values():
        text = draft_config(data, Path("configs/s.toml"), language=lang).text
        assert not re.findall(r"^#\s+#", text, re.M), text
        assert "\0" not in text
    said = draft_config(INPUTS["text answers"], Path("configs/s.toml"), language=lang).text
    assert ("remove the # " if lang == "en" else "haal de # weg") in " ".join(
        line.lstrip("#").strip() for line in said.splitlines())
