"""Build the binary fixtures of this folder from the hand-written text files beside them.

    .venv/bin/python tests/qda/make_files.py

- ``project.qdpx``: a zip of ``project.qde`` and ``Sources/d1.txt``, ``Sources/d3.txt`` (the
  layout of REFI-QDA 1.5 §7; source D2 holds its text inline as ``PlainTextContent``);
- ``nvivo_summary_indent.xlsx``: the code summary of ``nvivo_summary.csv`` as NVivo's Excel
  export shows it, the hierarchy as the cells' indent level (no path column).

Deterministic: fixed zip timestamps, so the same script gives the same files.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAMP = (2024, 6, 1, 12, 0, 0)


def write_zip(target: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def main() -> None:
    write_zip(HERE / "project.qdpx", {
        "project.qde": (HERE / "project.qde").read_bytes(),
        "Sources/d1.txt": (HERE / "d1.txt").read_bytes(),
        "Sources/d3.txt": (HERE / "d3.txt").read_bytes(),
    })

    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Description", "Files", "References"])
    with (HERE / "nvivo_summary.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            level = row["Hierarchical Name"].count("\\") - 1
            sheet.append([row["Name"], row["Description"] or None, int(row["Files"]),
                          int(row["References"])])
            sheet.cell(sheet.max_row, 1).alignment = Alignment(indent=level)
    import datetime

    book.properties.created = book.properties.modified = datetime.datetime(2024, 6, 1, 12)
    book.save(HERE / "nvivo_summary_indent.xlsx")


if __name__ == "__main__":
    main()
