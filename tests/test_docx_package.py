"""The factsheet's Word file, written directly (``report/docx_package.py``), is the file
python-docx wrote for it (``tests/docx_python_docx.py``, the code it replaced): every part of
the zip byte for byte, the zip too, for factsheets with every section, any text, logos (PNG
with and without a resolution, JPEG) and figures, and for the demo factsheets."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from maatwerk_stats.report.codes_factsheet import Interviews
from maatwerk_stats.report.docx_package import png_size, reserialized
from maatwerk_stats.report.factsheet.build import (
    Colophon,
    Factsheet,
    Figure,
    Logo,
    Section,
    Table,
)
from maatwerk_stats.report.factsheet.docx import render_docx
from maatwerk_stats.report.factsheet.survey import SurveyBlock, SurveySection

from .docx_python_docx import render_docx as python_docx_render


def _image(kind: str, size: tuple[int, int], dpi: tuple[int, int] | None) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    options = {"dpi": dpi} if dpi else {}
    Image.new("RGB", size, (27, 79, 138)).save(buffer, format=kind, **options)
    return buffer.getvalue()


PNG_300 = _image("PNG", (300, 120), (300, 300))
PNG_PLAIN = _image("PNG", (64, 40), None)  # no pHYs chunk: 72 dpi
PNG_ODD = _image("PNG", (333, 77), (96, 150))
JPEG = _image("JPEG", (200, 80), (200, 200))


def assert_same_file(new: bytes, old: bytes) -> None:
    """Part by part first (a readable failure), then the archives' bytes."""
    with zipfile.ZipFile(io.BytesIO(new)) as a, zipfile.ZipFile(io.BytesIO(old)) as b:
        assert a.namelist() == b.namelist()
        for name in b.namelist():
            assert a.read(name) == b.read(name), name
    assert new == old


def _factsheet(text: str, lang: str = "nl", logos: tuple[Logo, ...] = (),
               colophon: bool = True) -> Factsheet:
    table = Table(header=(text, "n", "Verschil [95%-BI]"),
                  rows=((text, "5", "+0,11 [−0,23; 0,45]"), ("Regie", text, "1–5"),
                        (text * 3, "12", "")), caption=text)
    figure = Figure("scale_means", text, PNG_300, 8.1, alt=text)
    return Factsheet(
        lang=lang, title=text, intro=(text, f"{text} 2–3"),
        questionnaire=(Section(heading=text, paragraphs=(text, "score 1–5"), takeaway=text,
                               text=text), Section(heading="Regie", paragraphs=())),
        questionnaire_table=table, questionnaire_footnote=f"¹ {text} 1–5",
        vignette_intro=(text,), influence=Table(header=("Kenmerk", text), rows=(
            ("Inzet", "0,49"), (text, "1–2"))),
        vignette_paragraphs=(text,), vignette_takeaway=text,
        scenario=(((text, False), ("[informatie]", True), (f" {text} ", False)),
                  (("Hij gaat", False),)),
        scenario_factors=((text, "goed / slecht"), ("Inzet", text)),
        colophon=Colophon(logos=logos, authors=text, institutions=text, citation=text,
                          doi=text, doi_url="https://doi.org/x", license=text,
                          version=f"versie {text}") if colophon else None,
        figures={"scale_means": figure,
                 "coefficients": Figure("coefficients", "", PNG_ODD, 7.4, alt=""),
                 "per_vignette": Figure("per_vignette", text, PNG_300, 16.0),
                 "codes": Figure("codes", "", PNG_PLAIN, 15.0)},
        methods=(text, "1–10"), prepost_paragraphs=(text,), prepost_tables=(table,),
        footer=text, headings={"questionnaire": text, "vignette": "Vignetten",
                               "scenario": text, "scenario_levels": text, "methods": text,
                               "colophon": text},
        interviews=Interviews(heading=text, paragraphs=(text,), factors=table,
                              matrix=Table(header=("", "bevorderend"), rows=((text, "3"),)),
                              quotes=((text, f"R1 · {text}"), ("x", "R2")),
                              quotes_heading=text, note=text),
        survey=SurveySection(heading=text, blocks=(
            SurveyBlock(heading=text, paragraphs=(text,), tables=(table,),
                        figures=(figure, Figure("survey", "", PNG_PLAIN, 12.0))),
            SurveyBlock(heading="leeg"))))


TEXT = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
            max_size=60),
    st.text(st.sampled_from("\x00\x07\x0b\x1b\x7f\ufffe\u2028\u00a0<&>\"'\n\r\t –1a "),
            min_size=1, max_size=30))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, lang=st.sampled_from(["nl", "en"]),
       logos=st.lists(st.sampled_from([PNG_300, PNG_PLAIN, JPEG]), max_size=3),
       colophon=st.booleans())
@example(text="Samenwerking", lang="nl", logos=[PNG_300, PNG_300], colophon=True)
@example(text=" a\tb\nc\rd ", lang="en", logos=[JPEG], colophon=False)
def test_the_word_file_is_the_one_python_docx_wrote(text, lang, logos, colophon):
    factsheet = _factsheet(text, lang, tuple(Logo(data, f"Logo {i}")
                                             for i, data in enumerate(logos)), colophon)
    assert_same_file(render_docx(factsheet), python_docx_render(factsheet))


def test_a_factsheet_with_only_a_title_is_the_same_file():
    factsheet = Factsheet(lang="en", title="", intro=())
    assert_same_file(render_docx(factsheet), python_docx_render(factsheet))


def test_the_png_size_is_read_as_python_docx_reads_it():
    from docx.image.image import Image

    for data in (PNG_300, PNG_PLAIN, PNG_ODD):
        image = Image.from_blob(data)
        assert png_size(data) == (image.px_width, image.px_height, image.horz_dpi,
                                  image.vert_dpi)


def test_template_parts_are_serialised_as_lxml_does():
    """python-docx parses the template's XML parts (lxml, remove_blank_text) and writes them
    again; :func:`reserialized` gives the same bytes without lxml."""
    from lxml import etree

    from maatwerk_stats.io.docx_template import default_parts

    parser = etree.XMLParser(remove_blank_text=True)
    checked = 0
    for name, data in default_parts().items():
        if name.endswith((".xml", ".rels")):
            expected = etree.tostring(etree.fromstring(data, parser), encoding="UTF-8",
                                      standalone=True)
            assert reserialized(data) == expected, name
            checked += 1
    assert checked >= 15


@pytest.mark.slow
@pytest.mark.parametrize("config", ["configs/leeratelier.toml",
                                    "configs/gewogen_maatwerk.toml", "configs/teams.toml"])
def test_the_demo_factsheets_are_the_same_files(config, tmp_path, monkeypatch):
    """The demo factsheets (questionnaire, vignettes, logos, interviews, teams): each
    Factsheet the command renders gives python-docx's file."""
    from pathlib import Path

    from typer.testing import CliRunner

    from maatwerk_stats.cli import app
    from maatwerk_stats.report.factsheet import docx

    root = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(root)
    seen = []

    def render(factsheet):
        data = render_docx(factsheet)
        assert_same_file(data, python_docx_render(factsheet))
        seen.append(factsheet)
        return data

    monkeypatch.setattr(docx, "render_docx", render)
    result = CliRunner().invoke(app, ["factsheet", "--config", config, "--out",
                                      str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert len(seen) == 1
