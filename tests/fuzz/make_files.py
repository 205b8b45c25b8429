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


if __name__ == "__main__":
    main()
