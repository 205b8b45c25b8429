"""The first page of the HTML factsheet carries the first findings: a vignette-only factsheet
(no questionnaire, no survey) starts its vignette section on page 1 instead of a page that
holds only the title; with a questionnaire the vignette section still starts a new page."""

from __future__ import annotations

import re

from maatwerk_stats.report.factsheet.build import Factsheet, Section, Table
from maatwerk_stats.report.factsheet.html import render_html

INFLUENCE = Table(header=("", "Vóór", "Na"), rows=(("Reputatie", "Geen invloed", "Veel"),),
                  caption="Invloed van de kenmerken op de bereidheid")
HEADINGS = {"vignette": "Bevindingen vignetstudie", "methods": "Verantwoording",
            "questionnaire": "Bevindingen vragenlijst"}


def _pages(html: str) -> list[str]:
    """The text of each ``<div class="page…">`` of the body, in order."""
    body = html.split("<body>", 1)[1]
    starts = [m.start() for m in re.finditer(r'<div class="page[^"]*">', body)]
    return [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]


def test_a_vignette_only_factsheet_has_its_findings_on_the_first_page():
    sheet = Factsheet(lang="nl", title="Factsheet: onderzoek vignetten", intro=(),
                      influence=INFLUENCE, vignette_takeaway="Vooral hulpbehoevendheid telt.",
                      methods=("Vignetstudie: lineair gemengd model.",), headings=HEADINGS)
    html = render_html(sheet)
    pages = _pages(html)
    assert len(pages) == 1, [p[:80] for p in pages]
    first = pages[0]
    assert first.index("<h1>Factsheet: onderzoek vignetten</h1>") < first.index(
        "<h2>Bevindingen vignetstudie</h2>") < first.index("Vooral hulpbehoevendheid telt.")
    assert "Invloed van de kenmerken" in first and "<h2>Verantwoording</h2>" in first
    assert 'class="page new-page"' not in html


def test_with_a_questionnaire_the_vignette_section_starts_a_new_page():
    sheet = Factsheet(lang="nl", title="Factsheet", intro=(), questionnaire=(
        Section(heading="1. Samenwerking", paragraphs=("Hoger na.",), takeaway="Hoger.",
                text="Hoger."),), influence=INFLUENCE, headings=HEADINGS)
    pages = _pages(render_html(sheet))
    assert len(pages) == 2
    assert "1. Samenwerking" in pages[0] and "Bevindingen vignetstudie" not in pages[0]
    assert pages[1].startswith('<div class="page new-page">')
    assert "<h2>Bevindingen vignetstudie</h2>" in pages[1]
