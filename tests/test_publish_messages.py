"""Publish-layer messages that no command reaches in both languages (issue 16); the CLI
ones are in tests/cli/test_cli_publish_errors.py."""

from __future__ import annotations

import pytest

from maatwerk_stats.config import parse_config
from maatwerk_stats.errors import ConfigError, library_reference
from maatwerk_stats.publish.codes import run_codes


def test_codes_without_an_export_in_both_languages():
    with pytest.raises(ConfigError) as caught:
        run_codes(parse_config({"codes": {"quotes": 1}}))
    assert str(caught.value) == ("the config has no [codes] export = \"...\" (the QDA export "
                                 "of the interviews)")
    assert caught.value.render(library_reference, "nl") == (
        "de config heeft geen [codes] export = \"...\" (de QDA-export van de interviews)")
