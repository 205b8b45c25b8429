"""The config reference covers every key the loader accepts (config/reference.py)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from maatwerk_stats.config.reference import (
    ALL_KEYS,
    DESCRIPTIONS,
    TABLES,
    missing_descriptions,
    reference_markdown,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "config.md"


def test_every_key_the_loader_accepts_is_described():
    missing = missing_descriptions()
    assert not missing, (
        "config keys without a description in the config reference: add, in "
        "src/maatwerk_stats/config/reference.py, to DESCRIPTIONS:\n"
        + "\n".join(f'    "{k}": ("what it means", \'an example value as TOML\'),'
                    for k in missing)
        + "\nthen regenerate docs/config.md: .venv/bin/maatwerk-stats config --reference > "
        "docs/config.md")


def test_every_table_has_a_header():
    missing = sorted(set(ALL_KEYS) - set(TABLES))
    assert not missing, ("config tables without a header in the reference: add to TABLES in "
                         "src/maatwerk_stats/config/reference.py: "
                         + ", ".join(f'"{k}": ("[{k}]", ModelClass, "what it is")'
                                     for k in missing))


def test_no_description_for_a_key_the_loader_does_not_accept():
    accepted = {f"{kind}.{key}" for kind, keys in ALL_KEYS.items() for key in keys}
    assert sorted(set(DESCRIPTIONS) - accepted) == []


def test_docs_config_md_is_the_generated_reference():
    assert DOCS.read_text(encoding="utf-8") == reference_markdown() + "\n", (
        "docs/config.md is out of date: run .venv/bin/maatwerk-stats config --reference > "
        "docs/config.md")


def test_the_reference_names_every_key_with_type_and_default():
    text = reference_markdown()
    for kind, keys in ALL_KEYS.items():
        section = text.split(f"## {TABLES[kind][0]}\n", 1)[1].split("\n## ", 1)[0]
        for key in keys:
            row = next(line for line in section.splitlines() if line.startswith(f"| `{key}` |"))
            assert row.count(" | ") == 4 and "(not described)" not in row
    assert "| `item_labels` | table: name → text | {} |" in text
    assert "| `title` | text | not set | factsheet title" in text
    assert "| `min_items` | whole number | half of the items, rounded up |" in text


@pytest.mark.parametrize("key", sorted(DESCRIPTIONS))
def test_every_example_is_valid_toml(key):
    example = DESCRIPTIONS[key][1]
    if re.fullmatch(r"\[[a-z_.]+\]", example):  # a table header
        tomllib.loads(example)
    else:
        tomllib.loads(f"x = {example}")
