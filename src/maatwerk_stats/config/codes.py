"""The ``[codes]`` section of a study config: where the interviews' QDA export is and how its
code tree maps to domains (institutional / organisational / individual factors …) and
directions (enabling / hindering).

```toml
[codes]
export = "interviews/project.qdpx"    # a .qdpx, .qdc, NVivo code summary or segments table
segments = "interviews/segments.csv"  # optional: coded segments beside a codebook/summary
participants = "interviews/deelnemers.csv"  # optional: document → participant (+ attributes)
participant_pattern = "^(R[0-9]+)"    # optional: the participant id inside a document name
quotes = 2                            # fragments per factor for the report (0 = none)
exclude = ["0 - Professionaliteit"]   # branches left out of the matrix (name patterns)

[codes.domains]                       # domain → code name patterns (default: top branches)
"Institutionele factoren" = ["*Institutionele factoren"]

[codes.directions]                    # direction → code name patterns (default below)
belemmerend = ["Belemmer*", "Barrière*"]
bevorderend = ["Bevorder*"]
```

Patterns are shell-style (``*``, ``?``), case-insensitive, matched against a code's name with
and without a leading number such as ``3 - ``. Kept apart from :mod:`.load` (which calls
:func:`parse_codes`) so the QDA keys live in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Text, hint

# Direction words of Dutch and English code trees (seed 003: "Belemmerend", "Barrières",
# "Bevorderende individuele factoren"; TNO/Fleuren: "bevorderend"/"belemmerend").
DEFAULT_DIRECTIONS: Mapping[str, tuple[str, ...]] = {
    "belemmerend": ("belemmer*", "barrière*", "barriere*", "hinder*", "obstakel*",
                    "knelpunt*", "barrier*", "obstacle*"),
    "bevorderend": ("bevorder*", "stimuler*", "succesfactor*", "helpend*", "enabl*",
                    "facilitat*", "facilitator*"),
}

KEYS = {"export", "segments", "participants", "participant_pattern", "quotes", "exclude",
        "domains", "directions", "title"}


@dataclass(frozen=True)
class CodesConfig:
    """The ``[codes]`` section (module docstring). Paths are resolved against the config."""

    export: Path | None = None
    segments: Path | None = None
    participants: Path | None = None
    participant_pattern: str | None = None
    quotes: int = 2
    exclude: tuple[str, ...] = ()
    domains: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    directions: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_DIRECTIONS))
    title: str | None = None


def _path(value: Any, key: str, base: Path, problems: list[str | Text]) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(Text(en=f"codes.{key} must be a file path in quotes",
                             nl=f"codes.{key} moet een bestandspad tussen aanhalingstekens "
                                "zijn"))
        return None
    path = Path(value)
    return path if path.is_absolute() else base / path


def _patterns(table: Any, where: str, problems: list[str | Text]
              ) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, Mapping):
        problems.append(Text(en=f"{where} must be a table ([{where}]) of name = "
                                "[\"pattern\", …]",
                             nl=f"{where} moet een tabel zijn ([{where}]) van naam = "
                                "[\"patroon\", …]"))
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for name, value in table.items():
        values = [value] if isinstance(value, str) else value
        if (not isinstance(values, list) or not values
                or not all(isinstance(v, str) and v.strip() for v in values)):
            problems.append(Text(en=f"{where}.{name} must be a list of code-name patterns, "
                                    f"e.g. [\"{name}*\"]",
                                 nl=f"{where}.{name} moet een lijst van patronen voor "
                                    f"codenamen zijn, bijv. [\"{name}*\"]"))
            continue
        out[str(name)] = tuple(v.strip() for v in values)
    return out


def parse_codes(value: Any, base: Path) -> tuple[CodesConfig | None, list[str | Text]]:
    """The ``[codes]`` table → :class:`CodesConfig` and the problems found (one line each,
    in English and Dutch)."""
    import re

    problems: list[str | Text] = []
    if value is None:
        return None, problems
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        return None, [Text(en=f"codes must be a table ([codes]), not {kind}",
                           nl=f"codes moet een tabel zijn ([codes]), geen {kind}")]
    for key in value:
        if key not in KEYS:
            problems.append(Text(en=f"unknown key 'codes.{key}'{hint(key, KEYS)}",
                                 nl=f"onbekende sleutel 'codes.{key}'{hint(key, KEYS, 'nl')}"))
    defaults = CodesConfig()
    quotes = value.get("quotes", defaults.quotes)
    if isinstance(quotes, bool) or not isinstance(quotes, int) or quotes < 0:
        problems.append(Text(en=f"codes.quotes must be a whole number of 0 or more, not "
                                f"{quotes!r}",
                             nl=f"codes.quotes moet een geheel getal van 0 of meer zijn, niet "
                                f"{quotes!r}"))
        quotes = defaults.quotes
    pattern = value.get("participant_pattern")
    if pattern is not None:
        if not isinstance(pattern, str):
            problems.append(Text(en="codes.participant_pattern must be a regular expression "
                                    "in quotes",
                                 nl="codes.participant_pattern moet een reguliere expressie "
                                    "tussen aanhalingstekens zijn"))
            pattern = None
        else:
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(Text(en=f"codes.participant_pattern {pattern!r} is not a valid "
                                        f"regular expression ({exc})",
                                     nl=f"codes.participant_pattern {pattern!r} is geen geldige "
                                        f"reguliere expressie ({exc})"))
                pattern = None
    exclude = value.get("exclude", [])
    if isinstance(exclude, str):
        exclude = [exclude]
    if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
        problems.append(Text(en="codes.exclude must be a list of code-name patterns",
                             nl="codes.exclude moet een lijst van patronen voor codenamen "
                                "zijn"))
        exclude = []
    title = value.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(Text(en="codes.title must be a text in quotes",
                             nl="codes.title moet een tekst tussen aanhalingstekens zijn"))
        title = None
    domains = _patterns(value.get("domains", {}), "codes.domains", problems)
    directions = (_patterns(value["directions"], "codes.directions", problems)
                  if "directions" in value else dict(DEFAULT_DIRECTIONS))
    if "directions" in value and not directions and not problems:
        problems.append(Text(en="codes.directions is empty; name at least one direction",
                             nl="codes.directions is leeg; noem ten minste één richting"))

    config = CodesConfig(
        export=_path(value.get("export"), "export", base, problems),
        segments=_path(value.get("segments"), "segments", base, problems),
        participants=_path(value.get("participants"), "participants", base, problems),
        participant_pattern=pattern, quotes=quotes, exclude=tuple(exclude),
        domains=domains, directions=directions, title=title)
    return config, problems
