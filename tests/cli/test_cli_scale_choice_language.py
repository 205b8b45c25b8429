"""``--scale NAME`` that is not a scale of the config (api.select_scales): the Dutch line by
default, with the hint or the list of scales, and the English one with ``--lang en``."""

from __future__ import annotations

import pytest

DATA = "id,sw_1,sw_2\n1,4,5\n2,3,3\n3,2,4\n"


@pytest.mark.parametrize(("scale", "dutch", "english"), [
    ("sx", "Fout: --scale 'sx' is geen schaal van de config (schalen: sw)",
     "Error: --scale 'sx' is not a scale of the config (scales: sw)"),
    ("sw_", "Fout: --scale 'sw_' is geen schaal van de config — bedoelt u 'sw'?",
     "Error: --scale 'sw_' is not a scale of the config — did you mean 'sw'?"),
])
def test_an_unknown_scale_in_either_language(run_cli, tmp_path, scale, dutch, english):
    (tmp_path / "d.csv").write_text(DATA, encoding="utf-8")
    result = run_cli("scales", "d.csv", "--scale", scale, "--out", "out", "-q")
    assert result.exit_code == 78
    assert result.stderr == dutch + "\n"
    result = run_cli("scales", "d.csv", "--scale", scale, "--out", "out", "-q", "--lang", "en")
    assert result.exit_code == 78
    assert result.stderr == english + "\n"
    assert not (tmp_path / "out").exists()
