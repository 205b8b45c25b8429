"""Any text through the writers the hypothesis tests of the fuzz corpus did not cover yet
(issue 10, classes 1 and 6): the factsheet's Word and HTML files, correlations.docx's Word
tables, results.json and the terminal. Labels, headings and cells are generated from the
full Unicode range (control characters, U+FFFE/U+FFFF, formulas, markup, ``$``, very long
strings). ``test_fuzz_corpus.py`` covers CSV, XLSX and figures the same way."""

from __future__ import annotations

import io
import json
import re
import zipfile
from xml.etree import ElementTree

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from maatwerk_stats.cli.app import terminal_text
from maatwerk_stats.io.write import dumps_json
from maatwerk_stats.report.factsheet.build import Colophon, Factsheet, Section, Table
from maatwerk_stats.report.factsheet.docx import render_docx
from maatwerk_stats.report.factsheet.html import render_html
from maatwerk_stats.report.xml_text import NOT_XML, xml_safe

ANY_TEXT = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200),
    st.text(st.sampled_from("\x00\x07\x0b\x0c\x1b\x7f\x9b\ufffe\uffff\u2028<&>$=@'\"\n\r\t a"),
            max_size=40),
    st.text(max_size=3).map(lambda t: t * 2000))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[
    HealthCheck.too_slow])
FILES = settings(SETTINGS, max_examples=12)  # a factsheet rendered per example


def _factsheet(text: str) -> Factsheet:
    return Factsheet(lang="nl", title=text, intro=(text,), questionnaire=(
        Section(heading=text, paragraphs=(text,), takeaway=text, text=text),),
        questionnaire_table=Table(header=(text, "n"), rows=((text, "5"),), caption=text),
        colophon=Colophon(authors=text, citation=text, doi=text, doi_url="https://doi.org/x"),
        footer=text, methods=(text,), headings={"x": text})


@FILES
@given(text=ANY_TEXT)
def test_any_text_gives_a_word_file_that_opens(text):
    """The .docx is written (text XML cannot hold becomes U+FFFD) and its XML parses."""
    with zipfile.ZipFile(io.BytesIO(render_docx(_factsheet(text)))) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    shown = "".join(ElementTree.fromstring(document).itertext())  # well-formed XML
    first_word = (re.split(r"\s+", NOT_XML.sub("\ufffd", text).strip()) or [""])[0][:30]
    assert first_word in shown


@FILES
@given(text=ANY_TEXT)
@example(text="<")  # the shrunk case that failed the old check at random
@example(text="<b>x</b>")
def test_any_text_is_escaped_in_the_html_factsheet(text):
    # behind the marker, a '<' of the text can stand raw only if it was not escaped (a bare
    # '<' is on every page, so the text alone cannot be looked for)
    marked = "MARK:" + text
    page = render_html(_factsheet(marked))
    assert str(escape(marked)) in page
    if "<" in text:
        assert marked not in page


@SETTINGS
@given(text=ANY_TEXT)
def test_xml_safe_changes_only_what_xml_cannot_hold(text):
    safe = xml_safe(_factsheet(text))
    assert safe.title == NOT_XML.sub("\ufffd", text)
    assert not NOT_XML.search(safe.questionnaire[0].paragraphs[0])
    assert safe.questionnaire_table.rows[0][1] == "5"
    if not NOT_XML.search(text):
        assert safe == _factsheet(text)


@SETTINGS
@given(text=ANY_TEXT)
def test_any_text_round_trips_through_results_json(text):
    written = dumps_json({"label": text, "rows": [{text: 1.5}]})
    assert not re.search("[\x00-\x1f\x7f-\x9f]", written.replace("\n", ""))
    back = json.loads(written)
    assert back == {"label": text, "rows": [{text: 1.5}]}


@SETTINGS
@given(text=ANY_TEXT)
def test_any_text_reaches_the_terminal_without_control_characters(text):
    shown = terminal_text(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown)
    assert len(shown) == len(text)
