"""Hostile files beyond the fuzz corpus (issue 10): seeded bit flips in a .sav stay clean
(a Dataset or one InputFileError, never another exception), and hostile labels are escaped
in the HTML and DOCX factsheet and the SVG figures."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest

from maatwerk_stats.errors import InputFileError
from maatwerk_stats.io.dataset import Dataset
from maatwerk_stats.io.read import read_data

from .conftest import CONFIG, DEMO

SEED = 20261201


def flipped(raw: bytes, rng: np.random.Generator) -> bytes:
    data = bytearray(raw)
    for position in rng.integers(0, len(data), rng.integers(1, 9)):
        data[position] ^= 1 << int(rng.integers(0, 8))
    return bytes(data)


def test_bit_flips_in_a_sav_give_a_dataset_or_one_clear_error(tmp_path):
    """60 copies of the demo pre.sav with 1–8 random bits flipped (seeded): each reads, or
    raises InputFileError naming the file — no internal error, no hang."""
    raw = (DEMO / "pre.sav").read_bytes()
    rng = np.random.default_rng(SEED)
    outcomes = {"read": 0, "refused": 0}
    for i in range(60):
        path = tmp_path / f"flip_{i}.sav"
        path.write_bytes(flipped(raw, rng))
        try:
            data = read_data(path)
        except InputFileError as error:
            assert str(path) in str(error)
            outcomes["refused"] += 1
        else:
            assert isinstance(data, Dataset)
            outcomes["read"] += 1
    assert outcomes["read"] + outcomes["refused"] == 60
    assert outcomes["read"] > 0  # most flips land in the data, which stays readable


HOSTILE = '<script>alert("x")</script> & <b>vet</b> \u202e'


@pytest.mark.slow
def test_hostile_labels_are_escaped_in_html_docx_and_svg(tmp_path):
    from typer.testing import CliRunner

    from maatwerk_stats.cli import app

    text = CONFIG.read_text(encoding="utf-8")
    text = text.replace('title = "Leeratelier Maatwerk & Regie"',
                        f"title = '{HOSTILE}'")
    text = text.replace('label = "Samenwerking"', f"label = '{HOSTILE}'")
    text = text.replace('"../data/demo/', f'"{DEMO}/')
    config = tmp_path / "hostile.toml"
    config.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["factsheet", "--config", str(config), "--out",
                                      str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "out"
    page = (out / "factsheet.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>vet</b>" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;vet&lt;/b&gt;" in page
    assert not re.search(r"<script\b", page, re.IGNORECASE)
    with zipfile.ZipFile(out / "factsheet.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    ElementTree.fromstring(document)  # still well-formed XML
    assert "&lt;script&gt;" in document and "<script>" not in document
    svgs = list((out / "figures").glob("*.svg"))
    assert svgs
    for svg in svgs:
        ElementTree.parse(svg)  # well-formed: no raw < or & from a label
    assert any("&lt;b&gt;vet&lt;/b&gt;" in Path(s).read_text(encoding="utf-8") for s in svgs)
