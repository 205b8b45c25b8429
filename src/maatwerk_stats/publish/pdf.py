"""``factsheet --pdf``: the factsheet's HTML printed to PDF by headless Chromium.

The HTML is self-contained (figures and logos embedded) and has a print stylesheet for A4
(``report/factsheet/templates/factsheet.html.j2``), so the PDF is exactly what a reader gets
who prints the HTML: the same engine, the same two pages. Chromium (Skia) embeds a subset of
every font it uses (``pdffonts`` shows "emb yes") and writes a tagged PDF with the HTML's
title. It comes from the Debian/Ubuntu package ``chromium``; no Python dependency is added.
The call mirrors ``chromium --headless --print-to-pdf=OUT --no-pdf-header-footer IN``.
Chromium dates the PDF with the current time; those two dates are then set to
``SOURCE_DATE_EPOCH`` (:func:`..io.reproducible.normalize_pdf_dates`), and the names of its
structure elements, which follow the order Chromium happened to make its accessibility nodes
in, are renumbered in file order (:func:`..io.reproducible.normalize_pdf_node_ids`), so the
same input gives a byte-identical PDF, like the DOCX and XLSX.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OptionError, OutputError, Text
from ..io.reproducible import normalize_pdf_dates, normalize_pdf_node_ids

# names of the headless-capable Chromium builds, in the order they are looked for on PATH
ENGINES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_S = 180


def find_engine() -> str:
    """The path of a Chromium on PATH, or an :class:`OptionError` that says what to
    install (checked before any analysis runs, so nothing is written without it)."""
    for name in ENGINES:
        found = shutil.which(name)
        if found:
            return found
    engines = ", ".join(ENGINES)
    raise OptionError(
        en="--pdf needs headless Chromium to print the HTML to PDF, and none was found on "
           f"PATH (looked for {engines}). Install it (Debian/Ubuntu: `sudo apt-get install "
           "chromium`) or leave out --pdf; factsheet.html prints to the same PDF from any "
           "browser.",
        nl="--pdf heeft headless Chromium nodig om de HTML als PDF af te drukken, en dat is "
           f"niet gevonden op PATH (gezocht naar {engines}). Installeer het (Debian/Ubuntu: "
           "`sudo apt-get install chromium`) of laat --pdf weg; factsheet.html drukt vanuit "
           "elke browser af als dezelfde PDF.")


def html_to_pdf(html: Path, pdf: Path, engine: str) -> None:
    """Print ``html`` to ``pdf`` with headless Chromium ``engine`` (A4 from the page's
    ``@page`` rule, no header or footer lines). A throw-away profile directory keeps the
    user's browser profile out of it; ``--no-sandbox`` only when running as root, where
    Chromium refuses to start otherwise."""
    with tempfile.TemporaryDirectory(prefix="maatwerk-pdf-") as profile:
        command = [engine, "--headless", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update",
                   "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}",
                   "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.resolve().as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(2, "--no-sandbox")
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise OutputError(
                en=f"Chromium ({engine}) did not finish printing the factsheet to PDF within "
                   f"{TIMEOUT_S} s; try again, or leave out --pdf and print factsheet.html "
                   "from a browser.",
                nl=f"Chromium ({engine}) was niet binnen {TIMEOUT_S} s klaar met het afdrukken "
                   "van de factsheet als PDF; probeer het opnieuw, of laat --pdf weg en druk "
                   "factsheet.html af vanuit een browser.") from None
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            last = (done.stderr or "").strip().splitlines()[-1:]
            said = Text(last[0][:200], last[0][:200]) if last else Text("no message",
                                                                        "geen melding")
            raise OutputError(
                en=f"Chromium ({engine}) could not print the factsheet to PDF (exit code "
                   f"{done.returncode}: {said.en}); leave out --pdf and print factsheet.html "
                   "from a browser, or reinstall chromium.",
                nl=f"Chromium ({engine}) kon de factsheet niet als PDF afdrukken (afsluitcode "
                   f"{done.returncode}: {said.nl}); laat --pdf weg en druk factsheet.html af "
                   "vanuit een browser, of installeer chromium opnieuw.")
    pdf.write_bytes(normalize_pdf_node_ids(normalize_pdf_dates(pdf.read_bytes())))
