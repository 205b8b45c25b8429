"""``codes``: the messages about a code tree or counts that do not fit, in Dutch (the default)
and in English (``--lang en``), exactly as a user sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

FILES = Path(__file__).resolve().parents[1] / "fuzz" / "files"


@pytest.mark.parametrize(("args", "dutch", "english"), [
    (["qda_cycle.csv"],
     "Fout: {0}: de codeboom bevat een lus: Werkdruk → Barrières → Werkdruk; een code kan "
     "niet boven zichzelf staan. Verbeter de bovenliggende code van een van hen.",
     "Error: {0}: the code tree has a cycle: Werkdruk → Barrières → Werkdruk; a code cannot "
     "be its own ancestor. Fix the parent of one of them."),
    (["qda_duplicate.csv"],
     "Fout: {0}: de code 'Politiek\\Belemmerend' staat er twee keer in (rijen 2 en 3); elke "
     "code heeft een eigen plaats in de boom nodig. Geef een van beide een andere naam of "
     "voeg ze samen.",
     "Error: {0}: the code 'Politiek\\Belemmerend' appears twice (rows 2 and 3); every code "
     "needs its own place in the tree. Rename or merge one of them."),
    (["qda_summary_wrong.csv", "--segments", "qda_segments.csv"],
     "Fout: de aantallen in {0} zijn in strijd met de gecodeerde segmenten van {1}: "
     "'Institutioneel\\Belemmerend\\Regels': 2 bestanden / 4 verwijzingen opgegeven, 2 / 3 "
     "in de segmenten. Exporteer beide opnieuw uit dezelfde stand van het project.",
     "Error: the counts of {0} contradict the coded segments of {1}: "
     "'Institutioneel\\Belemmerend\\Regels': 2 files / 4 references stated, 2 / 3 in the "
     "segments. Export both again from the same state of the project."),
])
def test_a_code_tree_that_does_not_fit_is_said_in_dutch_and_english(run_cli, tmp_path, args,
                                                                     dutch, english):
    args = [str(FILES / a) if a.endswith(".csv") else a for a in args]
    paths = [a for a in args if a.endswith(".csv")]
    for lang, line in (("nl", dutch), ("en", english)):
        result = run_cli("codes", *args, "--out", "out", "--lang", lang)
        assert result.exit_code == 65
        assert result.stderr == line.format(*paths) + "\n"
        assert not (tmp_path / "out").exists()
    assert run_cli("codes", *args, "--out", "out").stderr == dutch.format(*paths) + "\n"
