"""Group labels in the factsheet's sentences (report/labels.py): a label that reads as a time
("vóór", "na het Leeratelier", "after") goes in as written; a code — the file names of two
files, the codes of a group column without ``groups.labels``, another column such as sex —
is quoted ("in groep “man”"), so no sentence reads "professionals voor (N=18) en na"."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from maatwerk_stats import load_config
from maatwerk_stats.report.factsheet.build import build_factsheet, scale_takeaway
from maatwerk_stats.report.labels import group_adverbs, group_headers, group_words

from .conftest import CONFIG


def _intro(comparison, labels, lang):
    config = load_config(CONFIG)
    sheet = build_factsheet(config, lang, comparison=replace(
        comparison, groups=labels, group_labels=labels))
    return next(p for p in sheet.intro if "N=" in p)


@pytest.mark.parametrize(("labels", "lang", "expected"), [
    # one file, group column meting = voor/na, no groups.labels: the codes as the adverbs
    (("voor", "na"), "nl", "Hiervoor zijn professionals vóór (N=22) en na (N=36) ondervraagd"),
    (("voor", "na"), "en", "Professionals were surveyed before (N=22) and after (N=36)"),
    # two files without groups.labels: the file names
    (("enquete_voor", "enquete_na"), "nl",
     "Hiervoor zijn professionals in groep “enquete_voor” (N=22) en in groep “enquete_na” "
     "(N=36) ondervraagd"),
    (("enquete_voor", "enquete_na"), "en",
     "Professionals were surveyed in group “enquete_voor” (N=22) and in group “enquete_na” "
     "(N=36)"),
    # another column (sex), codes or SPSS value labels
    (("man", "vrouw"), "nl",
     "Hiervoor zijn professionals in groep “man” (N=22) en in groep “vrouw” (N=36) "
     "ondervraagd"),
    (("0", "1"), "en", "Professionals were surveyed in group “0” (N=22) and in group “1” (N=36)"),
    # groups.labels that read as a time: as written (the worked example)
    (("Vóór", "Na"), "nl", "Hiervoor zijn professionals vóór (N=22) en na (N=36) ondervraagd"),
    (("Vóór de training", "Na de training"), "nl",
     "Hiervoor zijn professionals vóór de training (N=22) en na de training (N=36) "
     "ondervraagd"),
])
def test_sample_sentence_for_every_kind_of_group_label(comparison, labels, lang, expected):
    assert _intro(comparison, labels, lang).startswith(expected)


def _row(diff: float) -> SimpleNamespace:
    return SimpleNamespace(label="Samenwerking", mean_1=3.0, mean_2=3.0 + diff,
                           mean_diff=diff, diff_conf_low=diff - 0.1,
                           diff_conf_high=diff + 0.1, p_value=0.001, p_adjusted=0.001)


@pytest.mark.parametrize(("labels", "paired", "lang", "expected"), [
    (("voor", "na"), True, "nl",
     "Dezelfde professionals scoren na hoger op samenwerking dan vóór."),
    (("t0", "t1"), True, "nl",
     "Dezelfde professionals scoren bij meting “t1” hoger op samenwerking dan bij meting "
     "“t0”."),
    (("t0", "t1"), True, "en",
     "The same professionals score higher on Samenwerking at measurement “t1” than at "
     "measurement “t0”."),
    (("man", "vrouw"), False, "nl",
     "De groep “vrouw” scoort hoger op samenwerking dan de groep “man”."),
    (("man", "vrouw"), False, "en",
     "The “vrouw” group scores higher on Samenwerking than the “man” group."),
    (("voor", "na"), False, "nl", "De groep na scoort hoger op samenwerking dan de groep vóór."),
])
def test_takeaway_for_every_kind_of_group_label(labels, paired, lang, expected):
    fake = SimpleNamespace(group_labels=labels, paired=paired, adjust="holm")
    assert scale_takeaway(_row(0.5), fake, lang) == expected


def test_not_significant_names_the_groups():
    fake = SimpleNamespace(group_labels=("pre", "post"), paired=False, adjust="holm")
    row = _row(0.5)
    row.p_adjusted = 0.5
    assert scale_takeaway(row, fake, "nl") == (
        "Geen aantoonbaar verschil in samenwerking tussen “pre” en “post”.")


def test_headers_stay_unquoted():
    """A time word is capitalised in a header ("vóór" and "na" as init writes them, the code
    voor with its accent); a code that is no time word is shown as written."""
    assert group_headers(("voor", "man", "Na het Leeratelier"), "nl") == (
        "Vóór", "man", "Na het Leeratelier")
    assert group_headers(("vóór", "na"), "nl") == ("Vóór", "Na")
    assert group_headers(("t0", "t1"), "nl") == ("t0", "t1")
    assert group_headers(("voor", "man"), "en") == ("Before", "man")
    assert group_words(("Vóór", "man"), "en") == ("before", "“man”")
    assert group_adverbs(("na", "2"), "nl", paired=True) == ("na", "bij meting “2”")
