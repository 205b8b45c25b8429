"""A complete, commented study config drafted from the data (``maatwerk-stats init``).

From one or more data files it writes every section a first run needs: ``[study]``, one
``[scales.NAME]`` per column stem (``samenwerking_1..4``, as :mod:`.infer`) or per SPSS
variable-label prefix ("Samenwerking: …" on v1..v4, see :func:`label_scales`), item labels from
the SPSS variable labels, a ``value_map`` in scale order for text answers (the Likert families
of :mod:`.likert`, with "weet niet" / "n.v.t." / "don't know" as a missing code), ranges from
the value labels or the observed answers, suspicious codes (9, 99, −1 …) declared as missing,
``[groups]`` with order, labels and pairing, a ``[vignette]`` section for long vignette data
and ``[data]`` naming the files. Every guess carries a ``# CHECK:`` comment. The text always
loads with :func:`~maatwerk_stats.config.load.parse_config` (tested as a property).

Privacy: an answer text is written only when it is one of the standard answers or at least
:data:`MIN_QUOTED` respondents gave it (a shared answer is a category, a rare one may be a
person's own words); no respondent id or value is ever written.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Text
from ..io.likert import is_missing_answer, is_standard_answer, missing_code, recognise
from ..names import display_name, known_order
from ..notes import Note, warning
from .infer import _comment_text, _toml_key, _toml_value, item_stems
from .model import StudyConfig, default_min_items, normalise_answer

if TYPE_CHECKING:
    import pandas as pd

    from ..io.dataset import Dataset
    from ..io.likert import LikertFamily

MIN_QUOTED = 5
# Codes that often mean "no answer" in exports (weet niet, n.v.t., geen antwoord).
SUSPICIOUS_CODES = (-999, -99, -9, -2, -1, 8, 9, 88, 97, 98, 99, 888, 998, 999)
GROUP_NAMES = ("meting", "moment", "tijdstip", "fase", "groep", "wave", "time", "measurement",
               "occasion", "period")
ID_NAMES = ("respnr", "respondent", "respondent_id", "respondentnummer", "id", "resp_id",
            "deelnemer", "participant")
# Words of a column name that read as a respondent id (pers_id, persnr, RespNo, deelnemer_code).
ID_WORDS = ("id", "nr", "no", "nummer", "number")
ID_STARTS = ("resp", "pers", "deeln", "particip", "subj")
ID_ENDS = ("id", "nr", "nummer")
VIGNETTE_NAMES = ("vignette", "vignet", "vignet_nr", "vignette_nr", "vignetnummer")
POSITION_NAMES = ("positie", "position", "volgorde", "order", "rang")
TEAM_NAMES = ("team", "teamnr", "team_nr", "team_id", "teamnummer", "teamcode", "team_code")


@dataclass(frozen=True)
class _Said:
    """A line whose comment is written once the config's language is known: a comment
    paragraph (``code`` empty), a TOML line with a comment after it (``# …``), or a
    ``# CHECK:`` paragraph before an optional line (``check``)."""

    code: str
    comment: Text
    check: bool = False

    def lines(self, lang: str) -> list[str]:
        import re
        import textwrap

        text = _comment_text(self.comment.in_language(lang))
        if not self.check and self.code:
            return [f"{self.code}# {text}"]
        first = "# CHECK: " if self.check else "# "  # the marker stays literal in both
        # a "#" in the text ("remove the # before it") stays with the words around it: a
        # wrapped line "#   # weg" would read as an empty comment
        glued = re.sub(r" #( |$)", lambda m: "\0#" + ("\0" if m[1] else ""), text)
        wrapped = textwrap.wrap(glued, width=92, initial_indent=first, break_on_hyphens=False,
                                subsequent_indent="#   " if self.check else "# ")
        return [line.replace("\0", " ") for line in wrapped] + ([self.code] if self.code else [])


@dataclass
class _Doc:
    """The TOML text being written and the CHECK points in it. Comments are kept in both
    languages (:class:`~maatwerk_stats.errors.Text`) until :meth:`text` knows the language:
    the config's ``study.language`` follows from the answer scales drafted on the way."""

    lines: list[str | _Said] = field(default_factory=list)
    checks: list[Text] = field(default_factory=list)

    def add(self, line: str = "") -> None:
        self.lines.append(line)

    def say(self, en: str, nl: str, code: str = "") -> None:
        """A comment paragraph, or (with ``code``, which ends in the spaces before ``#``)
        a TOML line with its comment."""
        self.lines.append(_Said(code, Text(en, nl)))

    def check(self, line: str, why: Text) -> None:
        """A line with a ``# CHECK:`` comment (on the line before it)."""
        self.lines.append(_Said(line, why, check=True))
        self.checks.append(why)

    def extend(self, other: _Doc) -> None:
        self.lines += other.lines
        self.checks += other.checks

    def text(self, lang: str) -> str:
        return "\n".join(line for item in self.lines for line in (
            [item] if isinstance(item, str) else item.lines(lang))) + "\n"


@dataclass(frozen=True)
class Draft:
    """The drafted config text and what it asks the user to check."""

    text: str
    checks: tuple[str, ...]
    scales: tuple[str, ...]
    language: str = "nl"  # the study.language written: what the answer texts are in


def _usable(name: str) -> bool:
    """A column name a config can refer to (no control characters)."""
    return bool(name.strip()) and not any(unicodedata.category(c) == "Cc" for c in name)


def _find(columns: Sequence[str], names: Sequence[str]) -> str | None:
    lowered = {str(c).casefold(): c for c in columns}
    return next((lowered[n] for n in names if n in lowered), None)


def _numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numeric values of a column, and its non-numeric texts (both without missing)."""
    import pandas as pd

    values = values.dropna()
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float), values.iloc[:0].astype(object)
    as_text = values.astype(str)
    numeric = pd.to_numeric(as_text.str.replace(",", ".", regex=False), errors="coerce")
    return numeric.dropna(), as_text[numeric.isna()]


def _fmt(value: float) -> str:
    return _toml_value(float(value))


def _rel(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).resolve().as_posix()


def draft_config(datasets: Sequence[Dataset], target: Path, name: str | None = None,
                 language: str | None = None) -> Draft:
    """Draft a study config for ``datasets`` to be saved as ``target`` (paths in ``[data]``
    are written relative to its folder). ``study.language`` is ``language``, else English when
    every recognised answer scale is English, else Dutch. See the module docstring."""
    doc = _Doc()
    vignette_sets = [d for d in datasets if _find(list(d.frame.columns), VIGNETTE_NAMES)]
    questionnaires = [d for d in datasets if not any(d is v for v in vignette_sets)]
    first = questionnaires[0] if questionnaires else datasets[0]
    files = _comment_text(", ".join(Path(d.path).name for d in datasets))
    # one sentence a line: a wrapped line never starts with the marker CHECK:
    doc.say(f"Study config drafted by `maatwerk-stats init` from {files}.",
            f"Studieconfig opgesteld door `maatwerk-stats init` uit {files}.")
    doc.say("Read every line marked CHECK: there the data did not tell for sure.",
            "Lees elke regel gemarkeerd met CHECK: daar zeiden de data het niet zeker.")
    doc.say("Every key is described in docs/config.md (or: maatwerk-stats config --reference).",
            "Elke sleutel staat in docs/config.md (of: maatwerk-stats config --reference).")
    doc.say("Paths are relative to this file.", "Paden zijn relatief aan dit bestand.")
    doc.add()

    columns = [str(c) for c in first.frame.columns]
    id_column = _find(columns, ID_NAMES)
    study_name = name or Path(first.path).stem
    doc.add("[study]")
    doc.add(f"name = {_toml_value(_comment_text(study_name))}")
    doc.check(f"title = {_toml_value(_comment_text(study_name))}",
              Text("the title of the factsheet", "de titel van de factsheet"))
    if id_column and _usable(id_column):
        doc.say("respondent id column", "kolom met het respondentnummer",
                code=f"id = {_toml_value(id_column)}   ")
    scale_texts: list[str] = []
    scale_lines = _Doc()
    scale_names: list[str] = []
    if questionnaires:
        scale_names = _scales(scale_lines, questionnaires, scale_texts,
                              exclude={id_column})
    if language is None:
        language = "en" if scale_texts and all(t == "en" for t in scale_texts) else "nl"
    doc.say("nl or en: tables, figures, factsheet", "nl of en: tabellen, figuren, factsheet",
            code=f"language = {_toml_value(language)}   ")
    if questionnaires and not scale_names:
        doc.add()
        doc.check("", Text(
            "no scales found: no columns are named like samenwerking_1, samenwerking_2. Add "
            "a [scales.NAME] table with items = [...] per scale.",
            "geen schalen gevonden: geen kolommen heten zoals samenwerking_1, "
            "samenwerking_2. Voeg per schaal een tabel [scales.NAAM] met items = [...] toe."))
    doc.extend(scale_lines)

    group_column = team_column = None
    if len(questionnaires) == 1:
        group_column = _groups_one_file(doc, questionnaires[0], id_column)
        if group_column is None:
            team_column = _teams(doc, questionnaires[0], scale_names)
    elif len(questionnaires) >= 2:
        _groups_two_files(doc, questionnaires[0], questionnaires[1], id_column)
    if vignette_sets:
        _vignette(doc, vignette_sets[0])

    base = Path(target).parent
    doc.add()
    doc.say("Input files for `maatwerk-stats factsheet`.",
            "Invoerbestanden voor `maatwerk-stats factsheet`.")
    doc.add("[data]")
    if len(questionnaires) == 1:
        line = f"questionnaire = {_toml_value(_rel(questionnaires[0].path, base))}"
        if group_column:
            doc.add(line)
        elif team_column:  # one measurement of professionals in teams
            doc.add(f"survey = {_toml_value(_rel(questionnaires[0].path, base))}")
        else:
            doc.check("# " + line, Text(
                "the factsheet compares two measurements: name the group column under "
                "[groups] (column and order), then remove the # before questionnaire",
                "de factsheet vergelijkt twee metingen: noem de groepskolom onder [groups] "
                "(column en order) en haal dan de # voor questionnaire weg"))
    elif len(questionnaires) >= 2:
        doc.add(f"pre = {_toml_value(_rel(questionnaires[0].path, base))}")
        doc.add(f"post = {_toml_value(_rel(questionnaires[1].path, base))}")
        if len(questionnaires) > 2:
            more = len(questionnaires) - 2
            doc.check("", Text(f"only the first two questionnaire files are used; {more} more "
                               f"{'was' if more == 1 else 'were'} given",
                               f"alleen de eerste twee vragenlijstbestanden worden gebruikt; "
                               f"er {'is' if more == 1 else 'zijn'} er {more} meer opgegeven"))
    if vignette_sets:
        doc.add(f"vignette = {_toml_value(_rel(vignette_sets[0].path, base))}")

    doc.add()
    doc.say("What the factsheet says around the numbers (optional).",
            "Wat de factsheet rond de cijfers zegt (optioneel).")
    doc.add("[report]")
    doc.say("factsheet title (default: study.title)",
            "titel van de factsheet (standaard: study.title)", code='# title = "..."      ')
    doc.say("a paragraph under the title", "een alinea onder de titel",
            code='# intro = "..."      ')
    doc.say("a line at the bottom", "een regel onderaan", code='# footnote = "..."   ')
    doc.say("statistics on fewer people are not published",
            "cijfers over minder mensen worden niet gepubliceerd", code="min_cell = 5         ")
    return Draft(text=doc.text(language),
                 checks=tuple(c.in_language(language) for c in doc.checks),
                 scales=tuple(scale_names), language=language)


# --------------------------------------------------------------------------------------------
# Scales


# A variable label "Samenwerking: ik overleg …" or "Samenwerking - ik overleg …": a scale
# name (at most four words) before a colon or a dash between spaces, the item's text after it.
_LABEL_PREFIX = r"^\s*(?P<prefix>[^\W\d_][\w'’ ]{0,39}?)\s*(?::|\s[-–—]\s)\s*(?P<rest>\S.*)$"
# Columns with more distinct answers than this are no Likert items (an open answer, an age).
MAX_ANSWERS = 11


@dataclass(frozen=True)
class _LabelScale:
    """A scale found in the SPSS variable labels (see :func:`label_scales`)."""

    name: str
    label: str
    items: tuple[str, ...]
    item_labels: Mapping[str, str]
    confirmed: bool = False  # the column names make the same scale (samenwerking_1..4)


def label_scales(datasets: Sequence[Dataset], exclude: set[str | None] = frozenset()
                 ) -> list[_LabelScale]:
    """Scales from variable-label prefixes: two or more columns (of every file, with at most
    :data:`MAX_ANSWERS` distinct answers) whose labels start with the same text before ":" or
    " - " form a scale named after it ("Samenwerking: ik overleg …" on v1..v4 →
    ``samenwerking``), the rest of each label its item label. Columns named like items of a
    stem are grouped the same way when their labels say so (v1..v8 holding two scales)."""
    import re

    first = datasets[0]
    pattern = re.compile(_LABEL_PREFIX)
    groups: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for column in (str(c) for c in first.frame.columns):
        if column in exclude or not _usable(column) or not all(
                column in d.frame.columns for d in datasets):
            continue
        label = next((d.variable(column).label for d in datasets if d.variable(column).label),
                     None)
        match = pattern.match(label or "")
        if not match or len(match["prefix"].split()) > 4:
            continue
        if any(d.frame[column].nunique() > MAX_ANSWERS for d in datasets):
            continue
        prefix = " ".join(match["prefix"].split())
        groups.setdefault(prefix.casefold(), (prefix, []))[1].append(
            (column, match["rest"].strip()))
    scales = []
    taken = {str(c).casefold() for c in first.frame.columns} - {
        c.casefold() for _, members in groups.values() for c, _ in members}
    for prefix, members in groups.values():
        if len(members) < 2:
            continue
        name = _scale_name(prefix)
        while name.casefold() in taken:  # never the name of another column
            name += "_schaal"
        taken.add(name.casefold())
        scales.append(_LabelScale(name=name, label=prefix, items=tuple(c for c, _ in members),
                                  item_labels={c: rest for c, rest in members}))
    return scales


def _scale_name(prefix: str) -> str:
    """A label prefix as a scale name in snake_case ASCII ("Kennis" → ``kennis``, "Eigen
    regie" → ``eigen_regie``, "Beïnvloeding" → ``beinvloeding``): a name that is typed in
    commands and column headers. A prefix without any ASCII letter keeps its own letters."""
    import re

    plain = "".join(c for c in unicodedata.normalize("NFKD", prefix.casefold())
                    if not unicodedata.combining(c))
    return (re.sub(r"[^a-z0-9]+", "_", plain).strip("_")
            or re.sub(r"\W+", "_", prefix.casefold()).strip("_"))


def _scales(doc: _Doc, datasets: Sequence[Dataset], languages: list[str],
            exclude: set[str | None]) -> list[str]:
    import pandas as pd

    first = datasets[0]
    position = {str(c): i for i, c in enumerate(first.frame.columns)}
    stems = {stem: items for stem, items in item_stems(first.frame.columns).items()
             if all(_usable(i) and i not in exclude for i in items)
             and all(all(i in d.frame.columns for i in items) for d in datasets)}
    stem_groups = set(stems.values())
    # a label group is named after its prefix (v1..v4 "Kennis: …" → kennis), also when the
    # column names make the same group (then it is no guess)
    found: list[tuple[str, tuple[str, ...], _LabelScale | None]] = [
        (s.name, s.items, replace(s, confirmed=s.items in stem_groups))
        for s in label_scales(datasets, exclude)]
    claimed = {i for _, items, _ in found for i in items}
    for stem, items in stems.items():
        if set(items) & claimed:
            continue
        claimed |= set(items)
        while stem.casefold() in {name.casefold() for name, _, _ in found}:
            stem += "_schaal"  # a label prefix took the name (v1..v2 "W: …" next to w1..w3)
        found.append((stem, items, None))
    found.sort(key=lambda scale: position[scale[1][0]])
    names = []
    for stem, items, from_labels in found:
        names.append(stem)
        frames = pd.concat([d.frame[list(items)] for d in datasets], ignore_index=True)
        _scale(doc, stem, items, frames, datasets, languages, from_labels)
    return names


def _scale(doc: _Doc, stem: str, items: tuple[str, ...], frame: pd.DataFrame,
           datasets: Sequence[Dataset], languages: list[str],
           from_labels: _LabelScale | None = None) -> None:
    import numpy as np
    import pandas as pd

    key = _toml_key(stem)
    doc.add()
    doc.add(f"[scales.{key}]")
    if from_labels is None:
        doc.add(f"label = {_toml_value(display_name(stem))}")
        doc.add(f"items = {_toml_value(items)}")
    elif from_labels.confirmed:
        doc.add(f"label = {_toml_value(_comment_text(from_labels.label))}")
        doc.add(f"items = {_toml_value(items)}")
    else:
        doc.add(f"label = {_toml_value(_comment_text(from_labels.label))}")
        prefix = from_labels.label
        doc.check(f"items = {_toml_value(items)}", Text(
            f"guessed from the SPSS variable labels: these columns' labels start with "
            f"\"{prefix}:\" (or \"{prefix} -\"); check that they form one scale and that no "
            "item is missing",
            f"geraden uit de SPSS-variabelelabels: de labels van deze kolommen beginnen met "
            f"\"{prefix}:\" (of \"{prefix} -\"); kijk of ze één schaal vormen en of er geen "
            "item ontbreekt"))
    numbers = []
    texts = []
    for item in items:
        nums, words = _numbers(frame[item])
        numbers.append(nums)
        texts.append(words)
    all_numbers = pd.concat(numbers) if numbers else pd.Series(dtype=float)
    all_texts = pd.concat(texts) if texts else pd.Series(dtype=object)
    variables = [d.variable(i) for d in datasets for i in items]
    value_map: dict[str, float] = {}
    missing: list[float] = []
    scale_range: tuple[float, float] | None = None
    range_note: Text | None = None
    sure_range = False
    if len(all_texts):
        counts = all_texts.map(normalise_answer).value_counts()
        spelling = dict(zip(all_texts.map(normalise_answer), all_texts.str.strip(),
                            strict=True))
        # texts of no family (an open answer among the categories) do not hide the family
        families = recognise(t for t in counts.index if is_standard_answer(t))
        if families:
            family = families[0]
            languages.append(family.language)
            codes = family.codes()
            for number, spellings in enumerate(family.answers, start=1):
                seen = [spelling[s] for s in (normalise_answer(t) for t in spellings)
                        if s in counts.index]
                for text in seen or [spellings[0]]:
                    value_map.setdefault(text, float(number))
            scale_range = (1.0, float(len(family.answers)))
            complete = all(any(normalise_answer(t) in counts.index for t in spellings)
                           for spellings in family.answers)
            n = len(family.answers)
            range_note = Text(f"{n} answers of the {family.title}",
                              f"{n} antwoorden van de {_family_title_nl(family)}")
            if not complete:
                other = len(families[1].answers) if len(families) > 1 else 0
                range_note = Text(
                    range_note.en + ", but not every answer occurs in the data"
                    + (f": it could also be the {other}-answer form; check the numbers in "
                       "value_map" if other else ""),
                    range_note.nl + ", maar niet elk antwoord komt in de data voor"
                    + (f": het kan ook de vorm met {other} antwoorden zijn; kijk de getallen "
                       "in value_map na" if other else ""))
            else:
                sure_range = True
            others = [t for t in counts.index if t not in codes and not is_missing_answer(t)]
        else:
            others = [t for t in counts.index if not is_missing_answer(t)]
        nonmissing = [t for t in counts.index if is_missing_answer(t)]
        if nonmissing:
            code = missing_code(scale_range[1] if scale_range else
                                float(all_numbers.max()) if len(all_numbers) else 5.0,
                                all_numbers.unique().tolist())
            for text in nonmissing:
                value_map.setdefault(spelling[text], float(code))
            missing.append(float(code))
        unknown = [(t, int(counts[t])) for t in others]
        if not families:
            languages.append("nl")
    else:
        unknown = []

    numeric = all_numbers.to_numpy(float)
    labelled = _label_range(variables)
    flagged: list[float] = []
    if labelled is not None:
        scale_range, labelled_missing = labelled
        flagged = [c for c in labelled_missing if c not in missing]
        if range_note is None:
            range_note = Text("from the SPSS value labels", "uit de SPSS-waardelabels")
            sure_range = True
    elif len(numeric) and scale_range is None:
        present = np.unique(numeric)
        flagged = _suspicious(present)
        rest = present[~np.isin(present, flagged)]
        if len(rest):
            scale_range = (float(rest.min()), float(rest.max()))
            if scale_range[0] == scale_range[1]:
                scale_range = None
            else:
                span = f"{_fmt(scale_range[0])}–{_fmt(scale_range[1])}"
                range_note = Text(
                    f"from the observed answers {span}: if the scale runs wider (no one gave "
                    "the lowest or highest answer), widen it",
                    f"uit de gegeven antwoorden {span}: loopt de schaal verder (niemand gaf "
                    "het laagste of hoogste antwoord), maak hem dan breder")
    # item labels
    labels = {}
    for item in items:
        label = (from_labels.item_labels[item] if from_labels is not None else
                 next((d.variable(item).label for d in datasets if d.variable(item).label),
                      None))
        if label:
            labels[item] = _comment_text(label)
    reverse = _negative_items(frame, items, value_map, missing + flagged, scale_range)
    if reverse:
        one = len(reverse) == 1
        names = ", ".join(reverse)
        doc.check(f"reverse = {_toml_value(reverse)}", Text(
            f"{names} {'goes' if one else 'go'} against the other items (negative loading): "
            f"probably reverse-keyed (scored as min + max − x). Remove {'it' if one else 'them'}"
            " here if not.",
            f"{names} {'gaat' if one else 'gaan'} tegen de andere items in (negatieve lading): "
            "waarschijnlijk omgekeerd gesteld (gescoord als min + max − x). Haal "
            f"{'het' if one else 'ze'} hier weg als dat niet zo is."))
    else:
        doc.say("reverse-keyed items (scored as min + max − x), if any",
                "omgekeerd gestelde items (gescoord als min + max − x), als die er zijn",
                code="reverse = []   ")
    if scale_range is not None and sure_range and range_note is not None:
        doc.say(range_note.en, range_note.nl, code=f"range = {_toml_value(scale_range)}   ")
    elif scale_range is not None:
        note = range_note or Text("", "")
        doc.check(f"range = {_toml_value(scale_range)}",
                  Text(f"lowest and highest answer, {note.en}",
                       f"laagste en hoogste antwoord, {note.nl}"))
    else:
        doc.check("# range = [1, 5]", Text(
            "the answer range is not known from the data: set it (lowest and highest answer) "
            "to enable range checks and reverse coding",
            "de antwoordschaal is niet uit de data bekend: stel hem in (laagste en hoogste "
            "antwoord) om bereikcontroles en omscoren mogelijk te maken"))
    doc.say("answered items needed for a score", "beantwoorde items nodig voor een score",
            code=f"min_items = {default_min_items(len(items))}   ")
    all_missing = sorted(set(missing + flagged))
    if flagged:
        shown = ", ".join(_fmt(c) for c in flagged)
        one = len(flagged) == 1
        doc.check(f"missing_codes = {_toml_value(all_missing)}", Text(
            f"{shown} look{'s' if one else ''} like a code for no answer (weet niet / n.v.t.), "
            "not an answer: declared missing",
            f"{shown} {'lijkt' if one else 'lijken'} een code voor geen antwoord (weet niet / "
            "n.v.t.), niet een echt antwoord: als ontbrekend opgegeven"))
    elif all_missing:
        doc.say("weet niet / n.v.t. → missing", "weet niet / n.v.t. → ontbrekend",
                code=f"missing_codes = {_toml_value(all_missing)}   ")
    if value_map or unknown:
        doc.add()
        doc.say(f"The answer texts of {stem}, in scale order (matching ignores case).",
                f"De antwoordteksten van {stem}, in schaalvolgorde (hoofdletters tellen niet "
                "mee).")
        doc.add(f"[scales.{key}.value_map]")
        for text, number in value_map.items():
            if _usable(text):
                doc.add(f"{_toml_key(text)} = {_fmt(number)}")
        common = [(t, n) for t, n in unknown if n >= MIN_QUOTED and _usable(t)]
        for text, n in common:
            doc.check(f"# {_toml_key(_comment_text(text))} = ?", Text(
                f"{n} answers are this text, not a standard answer: give it its number and "
                "remove the #",
                f"{n} antwoorden zijn deze tekst, geen standaardantwoord: geef hem zijn getal "
                "en haal de # weg"))
        rare = len(unknown) - len(common)
        if rare:
            many = rare > 1
            doc.check("", Text(
                f"{rare} other answer text{'s' if many else ''} (each given by fewer than "
                f"{MIN_QUOTED} respondents, not shown) need{'' if many else 's'} a number too; "
                "see `maatwerk-stats codebook`",
                f"{rare} andere antwoordtekst{'en' if many else ''} (elk door minder dan "
                f"{MIN_QUOTED} respondenten gegeven, niet getoond) {'hebben' if many else 'heeft'}"
                " ook een getal nodig; zie `maatwerk-stats codebook`"))
    doc.add()
    doc.add(f"[scales.{key}.item_labels]")
    if not labels:
        doc.check("", Text("the factsheet quotes each item by its text: write the statements",
                           "de factsheet citeert elk item met zijn tekst: schrijf de stellingen"))
    for item in items:
        text = labels.get(item) or item.replace("_", " ")
        doc.add(f"{_toml_key(item)} = {_toml_value(text)}")


_FAMILY_NL = {"agreement": "eens-oneensschaal", "frequency": "frequentieschaal",
              "satisfaction": "tevredenheidsschaal"}


def _family_title_nl(family: LikertFamily) -> str:
    """The Dutch of :attr:`LikertFamily.title`: ``Nederlandse eens-oneensschaal``."""
    origin = {"nl": "Nederlandse", "en": "Engelse"}.get(family.language, family.language)
    return f"{origin} {_FAMILY_NL.get(family.name, family.name + 'schaal')}"


def _label_range(variables: Sequence[Any]) -> tuple[tuple[float, float], list[float]] | None:
    """(range, labelled codes that mean no answer but are not user-missing) from the SPSS
    value labels, when every item has the same labelled answers."""
    spans = set()
    flagged: set[float] = set()
    for variable in variables:
        codes = []
        for code, label in variable.value_labels.items():
            if not isinstance(code, int | float) or variable.is_user_missing(code):
                continue
            if is_missing_answer(str(label)):
                flagged.add(float(code))
            else:
                codes.append(float(code))
        if len(codes) < 2:
            return None
        spans.add((min(codes), max(codes)))
    if len(spans) != 1:
        return None
    return spans.pop(), sorted(flagged)


def _suspicious(present: Any) -> list[float]:
    """Observed codes that look like "no answer": a code from :data:`SUSPICIOUS_CODES` beyond
    a gap above the other answers, or negative next to non-negative answers."""
    import numpy as np

    present = np.asarray(present, dtype=float)
    candidates = present[np.isin(present, SUSPICIOUS_CODES)]
    rest = present[~np.isin(present, SUSPICIOUS_CODES)]
    if not len(rest) or not np.all(rest == np.round(rest)):
        return []
    return [float(c) for c in candidates
            if (c < 0 <= rest.min()) or (c > 0 and c > rest.max() + 1)]


def _negative_items(frame: pd.DataFrame, items: tuple[str, ...], value_map: Mapping[str, float],
                    missing: Sequence[float], scale_range: tuple[float, float] | None
                    ) -> list[str]:
    """Items that load against the majority on the first principal component of the item
    correlations (at least three items and ten complete answers): likely reverse-keyed, as
    the sign check of ``psych::alpha(check.keys = TRUE)``."""
    import numpy as np
    import pandas as pd

    if len(items) < 3 or scale_range is None:
        return []
    lookup = {normalise_answer(k): v for k, v in value_map.items()}
    values = {}
    for item in items:
        column = frame[item]
        if pd.api.types.is_numeric_dtype(column):
            numeric = column.astype(float)
        else:
            text = column.astype(object).where(column.notna())
            numeric = pd.to_numeric(text, errors="coerce")
            mapped = text.map(lambda t: lookup.get(normalise_answer(t)) if isinstance(t, str)
                              else None)
            numeric = numeric.fillna(pd.to_numeric(mapped, errors="coerce"))
        values[item] = numeric.where(~numeric.isin(list(missing)))
    block = pd.DataFrame(values).dropna()
    if len(block) < 10 or (block.std() == 0).any():
        return []
    correlations = block.corr().to_numpy()
    _eigenvalues, eigenvectors = np.linalg.eigh(correlations)
    loadings = eigenvectors[:, -1]  # the first principal component
    if (loadings > 0).sum() < (loadings < 0).sum():
        loadings = -loadings
    return [item for item, loading in zip(items, loadings, strict=True) if loading < -0.2]


# --------------------------------------------------------------------------------------------
# Groups and vignettes


def _two_codes(dataset: Dataset, column: str) -> list[str] | None:
    from ..io.dataset import code_sort_key, code_texts

    codes = code_texts(dataset.frame[column]).dropna().unique().tolist()
    return sorted(codes, key=code_sort_key) if len(codes) == 2 else None


def _ordered(codes: list[str], labels: Mapping[str, str]) -> tuple[list[str], bool]:
    """The two codes before first, and whether a known pair (voor/na …) told the order: the
    pairs ``compare`` and ``vignette`` recognise (one list, in names.py)."""
    known = known_order(codes, labels)
    return (list(known), True) if known is not None else (codes, False)


def _as_read(code: str) -> str:
    """A group code as the text should read it: the code "voor" as the adverb "vóór" (else
    it reads as "for"); any other code as written ("na", "t0", "man"). The headers of the
    tables and the factsheet capitalise a time word themselves (report/labels.py)."""
    return "vóór" if code.casefold() == "voor" else code


def _groups_one_file(doc: _Doc, dataset: Dataset, id_column: str | None) -> str | None:
    columns = [str(c) for c in dataset.frame.columns]
    named = [c for c in columns if c.casefold() in GROUP_NAMES and _usable(c)]
    known = [c for c in columns if _usable(c) and c not in named and c != id_column
             and (codes := _two_codes(dataset, c)) and _ordered(codes, {})[1]]
    column = next((c for c in named + known if _two_codes(dataset, c)), None)
    doc.add()
    if column is None:
        doc.say("[groups]: no column with two measurements (such as meting = voor/na) was "
                "found. For a pre/post comparison in one file add:",
                "[groups]: geen kolom met twee metingen (zoals meting = voor/na) gevonden. "
                "Voeg voor een voor- en nameting in één bestand toe:")
        doc.add("# [groups]")
        doc.add("# column = \"meting\"")
        doc.add("# order = [\"voor\", \"na\"]")
        return None
    codes = _two_codes(dataset, column) or []
    from ..io.dataset import value_label_texts

    value_labels = value_label_texts(dataset, column)
    order, sure = _ordered(codes, value_labels)
    labels = [_comment_text(value_labels.get(c) or _as_read(c)) for c in order]
    doc.say("Two measurements in one file: the column that tells them apart.",
            "Twee metingen in één bestand: de kolom die ze onderscheidt.")
    doc.add("[groups]")
    doc.add(f"column = {_toml_value(column)}")
    if sure:
        doc.say("stored codes, before first", "codes zoals opgeslagen, de eerste meting eerst",
                code=f"order = {_toml_value(order)}   ")
    else:
        doc.check(f"order = {_toml_value(order)}", Text(
            "which measurement comes first is a guess (sorted codes): before first",
            "welke meting eerst komt is een gok (gesorteerde codes): de eerste meting eerst"))
    doc.say("as the tables and the factsheet show them",
            "zoals de tabellen en de factsheet ze tonen", code=f"labels = {_toml_value(labels)}   ")
    _paired(doc, dataset.frame, id_column, column)
    return column


def _teams(doc: _Doc, dataset: Dataset, scales: Sequence[str]) -> str | None:
    """``[teams]`` (and ``[correlations]`` of the scales) for one measurement of
    professionals in teams: a column named team, teamnr … with more than one team."""
    column = _find([str(c) for c in dataset.frame.columns], TEAM_NAMES)
    if column is None or not _usable(column) or dataset.frame[column].nunique() < 2:
        return None
    doc.add()
    doc.say("Professionals in teams (one measurement): correlations within and between teams, "
            "team agreement (rwg(j), ICC) and regressions with teams; see the README.",
            "Professionals in teams (één meting): correlaties binnen en tussen teams, "
            "overeenstemming in teams (rwg(j), ICC) en regressies met teams; zie de README.")
    doc.add("[teams]")
    doc.check(f"column = {_toml_value(column)}", Text(
        "the team each respondent belongs to (guessed from the column name)",
        "het team van elke respondent (geraden uit de kolomnaam)"))
    if len(scales) >= 2:
        doc.add()
        doc.add("[correlations]")
        doc.say("scale names or data columns", "schaalnamen of kolommen uit de data",
                code=f"variables = {_toml_value(list(scales))}   ")
    return column


def _paired(doc: _Doc, frame: pd.DataFrame, id_column: str | None, column: str | None,
            other: pd.DataFrame | None = None) -> None:
    """``paired``: true when most ids occur in both measurements."""
    from ..io.dataset import code_texts

    share = 0.0
    if id_column is not None:
        if other is None and column is not None:
            groups = code_texts(frame[column])
            ids = code_texts(frame[id_column])
            sets = [set(ids[groups == g].dropna()) for g in groups.dropna().unique()]
        elif other is not None and id_column in other.columns:
            sets = [set(code_texts(frame[id_column]).dropna()),
                    set(code_texts(other[id_column]).dropna())]
        else:
            sets = []
        if len(sets) == 2 and sets[0] and sets[1]:
            share = len(sets[0] & sets[1]) / min(len(sets[0]), len(sets[1]))
    if share >= 0.5 and id_column is not None:
        percent = f"{share:.0%}"
        doc.check("paired = true", Text(
            f"{percent} of the ids occur in both measurements: the same people twice (a "
            "paired comparison)",
            f"{percent} van de respondentnummers komt in beide metingen "
            "voor: twee keer dezelfde mensen (een gepaarde vergelijking)"))
        doc.add(f"id = {_toml_value(id_column)}")
    else:
        doc.say("true when the same people answered twice (then id = ...)",
                "true als dezelfde mensen twee keer antwoordden (dan id = ...)",
                code="paired = false   ")


def _groups_two_files(doc: _Doc, first: Dataset, second: Dataset, id_column: str | None
                      ) -> None:
    doc.add()
    before, after = (_comment_text(Path(d.path).name) for d in (first, second))
    doc.say(f"Two files: {before} is before, {after} after.",
            f"Twee bestanden: {before} is de voormeting, {after} de nameting.")
    doc.add("[groups]")
    doc.check("labels = [\"vóór\", \"na\"]", Text(
        "display labels of the first and the second file, as the text reads them "
        "(\"professionals vóór (N=18) en na\"); the table headers capitalise them",
        "hoe het eerste en het tweede bestand heten, zoals de tekst ze leest "
        "(\"professionals vóór (N=18) en na\"); de tabelkoppen krijgen een hoofdletter"))
    _paired(doc, first.frame, id_column, None, other=second.frame)


def _id_like_name(name: str) -> bool:
    """Whether a column name reads as a respondent id: one of its words (split at ``_``, ``-``,
    spaces and a capital inside a word) is id/nr/…, starts as resp/pers/deeln… or ends in
    id/nr/nummer (``pers_id``, ``persnr``, ``RespNo``; not the Dutch ``-heid`` of
    ``bereidheid``, an outcome)."""
    import re

    words = re.split(r"[\W_]+", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).casefold())
    return any(w in ID_WORDS or w.startswith(ID_STARTS)
               or (w.endswith(ID_ENDS) and not w.endswith("heid")) for w in words)


def _one_value_per_respondent(frame: pd.DataFrame, column: str, vignette: str) -> bool:
    """Whether ``column`` of long vignette data holds a respondent id: no blanks, no
    fractions (a rating), every value on two or more rows and never twice on one vignette
    (a respondent rates each vignette once, a factor or a group repeats across people)."""
    import pandas as pd

    values = frame[column]
    if values.isna().any() or values.nunique() < 2:
        return False
    numbers, _texts = _numbers(values)
    if len(numbers) and not (numbers == numbers.round()).all():
        return False
    if values.value_counts().min() < 2:
        return False
    pairs = pd.DataFrame({"id": values.astype(str), "vignette": frame[vignette].astype(str)})
    return not pairs.duplicated().any()


def _guess_respondent(frame: pd.DataFrame, columns: Sequence[str], vignette: str,
                      used: set[str | None]) -> str | None:
    """The respondent column of long vignette data not named as one (``pers_id``): by its
    values (:func:`_one_value_per_respondent`), a name like an id first, then the leftmost."""
    fits = [c for c in columns if c not in used and _one_value_per_respondent(frame, c, vignette)]
    return min(fits, key=lambda c: not _id_like_name(c), default=None)


def _measurement_column(dataset: Dataset, columns: Sequence[str], used: set[str | None]
                        ) -> str | None:
    """The group column of long vignette data: named as one (meting, moment …), else the
    first with two codes of a known order (voor/na, pre/post …, as codes or value labels),
    which is a measurement, not a vignette factor."""
    named = _find([c for c in columns if c not in used], GROUP_NAMES)
    return named or next((c for c in columns if c not in used
                          and (order := _order_of(dataset, c)) and order[1]), None)


def _order_of(dataset: Dataset, column: str) -> tuple[list[str], bool] | None:
    """The two codes of ``column``, before first, and whether a known pair (codes or SPSS
    value labels) told the order; None unless it holds two codes."""
    from ..io.dataset import value_label_texts

    codes = _two_codes(dataset, column)
    if codes is None:
        return None
    return _ordered(codes, value_label_texts(dataset, column))


def _respondent_lines(doc: _Doc, frame: pd.DataFrame, respondent: str | None,
                      guessed: bool) -> None:
    """``id`` of ``[vignette]``: as named, as guessed from the values (a CHECK), or a CHECK to
    name it."""
    if respondent is None:
        doc.check("# id = \"respondent\"", Text("no respondent column found: name it",
                                                "geen respondentkolom gevonden: noem hem"))
    elif not guessed:
        doc.add(f"id = {_toml_value(respondent)}")
    else:
        counts = frame[respondent].value_counts()
        low, high = int(counts.min()), int(counts.max())
        rows = str(low) if low == high else f"{low}–{high}"
        doc.check(f"id = {_toml_value(respondent)}", Text(
            f"the respondent column, guessed from its values: each value on {rows} rows, "
            "one per vignette rated",
            f"de respondentkolom, geraden uit de waarden: elke waarde staat op {rows} "
            "regels, één per beoordeeld vignet"))


def _vignette(doc: _Doc, dataset: Dataset) -> None:
    from ..io.dataset import code_sort_key, code_texts

    frame = dataset.frame
    columns = [str(c) for c in frame.columns if _usable(str(c))]
    vignette = _find(columns, VIGNETTE_NAMES)
    position = _find(columns, POSITION_NAMES)
    respondent = _find(columns, ID_NAMES)
    group = _measurement_column(dataset, columns, {vignette, position, respondent})
    guessed = respondent is None and vignette is not None
    if guessed:
        respondent = _guess_respondent(frame, columns, str(vignette),
                                       {vignette, position, group})
    used = {vignette, position, respondent, group}
    factors: dict[str, list[str]] = {}
    outcome = None
    for column in columns:
        if column in used:
            continue
        codes = code_texts(frame[column]).dropna().unique().tolist()
        numeric = bool(len(_numbers(frame[column])[0])) and not len(_numbers(frame[column])[1])
        if 2 <= len(codes) <= 6 and not (numeric and len(codes) > 3):
            factors[column] = sorted(codes, key=code_sort_key)
        elif numeric:
            outcome = column
    doc.add()
    doc.say("Vignette study: long data, one row per rating.",
            "Vignetonderzoek: lange data, één regel per oordeel.")
    doc.add("[vignette]")
    _respondent_lines(doc, frame, respondent, guessed)
    if outcome:
        nums = _numbers(frame[outcome])[0]
        doc.check(f"outcome = {_toml_value(outcome)}",
                  Text("the rating column (a guess)", "de kolom met het oordeel (een gok)"))
        if len(nums) and nums.min() < nums.max():
            doc.check(f"outcome_range = {_toml_value((float(nums.min()), float(nums.max())))}",
                      Text("lowest and highest possible rating, from the observed ratings",
                           "laagste en hoogste mogelijke oordeel, uit de gegeven oordelen"))
    else:
        doc.check("# outcome = \"rating\"", Text("no rating column found: name it",
                                                 "geen kolom met het oordeel gevonden: noem hem"))
    doc.add(f"vignette = {_toml_value(vignette)}")
    if position:
        doc.add(f"position = {_toml_value(position)}")
    if group:
        known = _order_of(dataset, group)
        if known:
            order, sure = known
            doc.add(f"group = {_toml_value(group)}")
            line = f"group_order = {_toml_value(order)}"
            if sure:
                doc.add(line)
            else:
                doc.check(line, Text("before first (a guess)",
                                     "de eerste meting eerst (een gok)"))
            labels = [_comment_text(_as_read(c)) for c in order]  # as [groups] labels
            doc.say("as the text and figures show them", "zoals de tekst en de figuren ze tonen",
                    code=f"group_labels = {_toml_value(labels)}   ")
    for name, levels in factors.items():
        doc.add()
        doc.add(f"[vignette.factors.{_toml_key(name)}]")
        doc.add(f"label = {_toml_value(_comment_text(display_name(name)))}")
        doc.add(f"levels = {_toml_value([_comment_text(v) for v in levels])}")
        doc.check(f"reference = {_toml_value(_comment_text(levels[0]))}", Text(
            "the reference level the effects are measured against",
            "het referentieniveau waartegen de effecten gemeten worden"))


def suspicious_code_notes(dataset: Dataset, config: StudyConfig) -> tuple[Note, ...]:
    """Warnings for an inferred config: per scale, codes such as 9 or 99 beyond the other
    answers (or −1 next to positive answers) that no ``missing_codes`` or SPSS user-missing
    declaration covers: they would count as answers ("weet niet" as a 9 on a 1–5 scale)."""
    import numpy as np

    notes = []
    for scale in config.scales.values():
        values = [_numbers(dataset.frame[i])[0] for i in scale.items
                  if i in dataset.frame.columns]
        if not values:
            continue
        present = np.unique(np.concatenate([v.to_numpy(float) for v in values]))
        present = present[~np.isin(present, scale.missing_codes)]
        flagged = _suspicious(present)
        if scale.range is not None:
            flagged = [c for c in flagged if not scale.range[0] <= c <= scale.range[1]]
        if not flagged:
            continue
        shown = ", ".join(_fmt(c) for c in flagged)
        rest = present[~np.isin(present, flagged)]
        notes.append(warning(
            "suspicious_missing_code",
            f"scale {scale.name}: the value{'s' if len(flagged) > 1 else ''} {shown} "
            f"lie{'' if len(flagged) > 1 else 's'} beyond the other answers "
            f"({_fmt(rest.min())}–{_fmt(rest.max())}) and look{'' if len(flagged) > 1 else 's'} "
            "like a code for no answer (weet niet / n.v.t.), but "
            f"{'count' if len(flagged) > 1 else 'counts'} as an answer now. Declare "
            f"{'them' if len(flagged) > 1 else 'it'} missing: missing_codes = "
            f"{_toml_value(flagged)} in the config (`maatwerk-stats init` writes that).",
            subject=scale.name, values={"codes": flagged, "low": float(rest.min()),
                                        "high": float(rest.max())}))
    return tuple(notes)
