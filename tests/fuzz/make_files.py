"""Regenerate the binary inputs of the fuzz corpus (the text inputs are written by hand).

    .venv/bin/python tests/fuzz/make_files.py

Deterministic: the same script gives the same files.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

FILES = Path(__file__).resolve().parent / "files"


def main() -> None:
    rng = np.random.default_rng(7)
    items = {f"samenwerking_{i}": rng.integers(1, 6, 40).astype(float) for i in range(1, 5)}
    frame = pd.DataFrame({"respnr": np.arange(1, 41), **items})
    # a variable label with a line break that would become config text in --save-config,
    # and one with a terminal escape sequence
    labels = {"samenwerking_1": "Rol\nmissing_codes = [1, 2]",
              "samenwerking_2": "\x1b]8;;http://evil.example\x07klik\x1b]8;;\x07"}
    pyreadstat.write_sav(frame, str(FILES / "hostile_labels.sav"),
                         column_labels=[labels.get(c) for c in frame.columns])
    qda_files()


def _zip(target: Path, members: dict[str, bytes]) -> None:
    import zipfile

    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def qda_files() -> None:
    """Hostile QDA exports for ``maatwerk-stats codes`` (issue 15): an XML external entity,
    entity expansion, zip-slip, a zip bomb, a zip that is not REFI-QDA, a project that does
    not validate against Project.xsd."""
    qde = (FILES.parents[1] / "qda" / "project.qde").read_bytes()
    (FILES / "qda_xxe.qdc").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="00000000-0000-0000-'
        '0000-000000000001" name="&x;" isCodable="true"/></Codes></CodeBook>\n',
        encoding="utf-8")
    laughs = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    _zip(FILES / "qda_laughs.qdpx", {"project.qde": (
        f'<?xml version="1.0"?><!DOCTYPE Project [{laughs}]><Project xmlns="urn:QDA-XML:'
        'project:1.0" name="&l9;"/>').encode()})
    _zip(FILES / "qda_zipslip.qdpx", {"project.qde": qde, "../../evil.txt": b"pwned"})
    _zip(FILES / "qda_bomb.qdpx", {"project.qde": qde, "Sources/zeros.txt": bytes(64 * 2**20)})
    _zip(FILES / "qda_not_refi.qdpx", {"[Content_Types].xml": b"<Types/>",
                                       "word/document.xml": b"<document/>"})
    _zip(FILES / "qda_invalid.qdpx", {"project.qde": qde.replace(b' name="fixture"', b"")})


if __name__ == "__main__":
    main()
