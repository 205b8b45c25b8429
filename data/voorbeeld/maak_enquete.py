"""Writes enquete.csv: a small Dutch Excel export as a municipal analyst gets it.

`;` as separator, decimal comma, Windows-1252, a column name with a diacritic
(beïnvloeding_1..3), Likert answers as Dutch text with "weet niet", and numeric answers
where 9 means "weet niet". Made with the standard library only (fixed seed), so the file is
the same on every machine: ``python data/voorbeeld/maak_enquete.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

ANSWERS = ["helemaal mee oneens", "mee oneens", "neutraal", "mee eens", "helemaal mee eens"]


def likert(rng: random.Random, centre: float) -> int:
    return min(5, max(1, round(rng.gauss(centre, 0.9))))


def main() -> None:
    rng = random.Random(16)
    header = ["respnr", "meting", "geslacht", "werkervaring"]
    header += [f"beïnvloeding_{i}" for i in range(1, 4)]
    header += [f"samenwerking_{i}" for i in range(1, 5)]
    lines = [";".join(header)]
    for number in range(1, 49):
        meting = "voor" if number <= 22 else "na"
        shift = 0.0 if meting == "voor" else 0.5
        person = rng.gauss(0, 0.6)
        row = [str(100 + number), meting, rng.choice(["vrouw", "man", "vrouw"]),
               f"{rng.uniform(0.5, 30):.1f}".replace(".", ",")]
        for _ in range(3):
            answer = ANSWERS[likert(rng, 3.0 + shift + person) - 1]
            row.append("weet niet" if rng.random() < 0.08 else answer)
        for _ in range(4):
            row.append("9" if rng.random() < 0.08 else str(likert(rng, 3.3 + shift + person)))
        lines.append(";".join(row))
    out = Path(__file__).with_name("enquete.csv")
    out.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


if __name__ == "__main__":
    main()
