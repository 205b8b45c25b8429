"""Synthetic demo data, calibrated to the published Leeratelier factsheet.

The published figures (Bernards et al. 2023, ../shared/seeds/000_…): N = 22 before and 36 after
the training (different people); scale means on 1–5 samenwerking 4,20 → 4,32, regie
3,75 → 3,84, maatwerk 3,52 → 3,67; the item "overtuig relevante partnerorganisaties"
3,77 → 4,22 and "bespreken wie de regierol op zich neemt" 3,15 → 3,61. The vignette study: 9
scenarios per professional, three binary client characteristics; neediness matters much
before and after, reputation and capacities not before and moderately after.

How the questionnaire is made: a latent attitude per respondent and scale (scales correlated
.4), items = rounded latent + item mean + noise on 1–5, a few "weet niet" (code 9, SPSS
user-missing) and blank answers, ``samenwerking_3`` stored reverse-keyed. Then answers are
nudged one step at a time until every published mean is reproduced to two decimals (the means
are computed after reverse coding, with user-missing left out, as the toolkit computes them).

How the vignettes are made: a random intercept per respondent (sd 1.2), the simple effects
below plus noise (sd 1.1), rounded to the 1–10 rating scale; draws are repeated until each
simple effect is within 0.07 of its target. The deck has the 8 combinations of the three
factors plus a 9th vignette that repeats the 1st (a consistency check).

Everything is seeded: the same seed gives byte-identical files (the SPSS files are dated
1 January 2024 whatever SOURCE_DATE_EPOCH says: the demo data do not change with a commit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .io.reproducible import DEFAULT_EPOCH

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .io.write import OutputWriter

LIKERT_LABELS = {1.0: "helemaal mee oneens", 2.0: "mee oneens", 3.0: "neutraal",
                 4.0: "mee eens", 5.0: "helemaal mee eens", 9.0: "weet niet"}
DONT_KNOW = 9.0


@dataclass(frozen=True)
class Item:
    name: str
    scale: str
    label: str
    reverse: bool = False


ITEMS: tuple[Item, ...] = (
    Item("samenwerking_1", "samenwerking",
         "Ik weet de juiste partnerorganisaties te vinden als een huishouden dat nodig heeft"),
    Item("samenwerking_2", "samenwerking",
         "In mijn werk overtuig ik relevante partnerorganisaties dat mijn werkzaamheden "
         "belangrijk zijn"),
    Item("samenwerking_3", "samenwerking",
         "Het lukt mij moeilijk om samen met ketenpartners doelen te bereiken", reverse=True),
    Item("samenwerking_4", "samenwerking",
         "Ik werk met collega's en ketenpartners samen om de doelen van een huishouden te "
         "bereiken"),
    Item("regie_1", "regie", "Ik betrek inwoners actief bij het opstellen van hun plan"),
    Item("regie_2", "regie",
         "Het is mij duidelijk hoe mijn rol zich verhoudt tot die van andere professionals"),
    Item("regie_3", "regie",
         "Ik bespreek met collega's wie in een casus de regierol op zich neemt"),
    Item("regie_4", "regie", "Ik houd overzicht over alle hulp die een huishouden krijgt"),
    Item("maatwerk_1", "maatwerk",
         "Ik wijk van de regels van mijn organisatie af als dat nodig is om een inwoner goed "
         "te helpen"),
    Item("maatwerk_2", "maatwerk",
         "Als een regel niet past bij de situatie van een huishouden, zoek ik de ruimte in "
         "die regel"),
    Item("maatwerk_3", "maatwerk",
         "Ik durf een uitzondering te maken als de situatie van een inwoner daarom vraagt"),
    Item("maatwerk_4", "maatwerk",
         "Ik bespreek met mijn leidinggevende wanneer een regel een inwoner niet helpt"),
)
SCALES = ("samenwerking", "regie", "maatwerk")
MIN_ITEMS = 3  # as configs/leeratelier.toml

# Published targets (after reverse coding; user-missing left out).
TARGETS: dict[str, dict[str, Any]] = {
    "voor": {"n": 22, "first_id": 101,
             "scales": {"samenwerking": 4.20, "regie": 3.75, "maatwerk": 3.52},
             "items": {"samenwerking_2": 3.77, "regie_3": 3.15}},
    "na": {"n": 36, "first_id": 201,
           "scales": {"samenwerking": 4.32, "regie": 3.84, "maatwerk": 3.67},
           "items": {"samenwerking_2": 4.22, "regie_3": 3.61}},
}

FACTORS = {
    "reputatie": ("niet_succesvol", "succesvol"),
    "hulpbehoevendheid": ("goed_ter_been", "slecht_ter_been"),
    "capaciteiten": ("slecht_voorbereid", "goed_voorbereid"),
}
# Simple effects (rating points on 1–10) of the non-reference level, per measurement.
VIGNETTE_EFFECTS = {
    "voor": {"reputatie": 0.12, "hulpbehoevendheid": 1.25, "capaciteiten": 0.10},
    "na": {"reputatie": 0.72, "hulpbehoevendheid": 1.25, "capaciteiten": 0.66},
}
VIGNETTE_BASELINE = 4.6
N_VIGNETTES = 9

ORGANISATIONS = {1.0: "Gemeente (Werk en Inkomen)", 2.0: "Sociaal wijkteam",
                 3.0: "Schuldhulpverlening", 4.0: "Coördinatiepunt Zorg en Veiligheid"}
AGE_GROUPS = {1.0: "jonger dan 30", 2.0: "30-44", 3.0: "45-59", 4.0: "60 of ouder"}
GENDERS = {1.0: "man", 2.0: "vrouw", 3.0: "anders / zeg ik liever niet"}


# --------------------------------------------------------------------------------------------
# Questionnaire


def _scale_means(values: np.ndarray, scale_columns: dict[str, list[int]]) -> dict[str, float]:
    import numpy as np

    means = {}
    for scale, columns in scale_columns.items():
        block = values[:, columns]
        answered = (~np.isnan(block)).sum(axis=1)
        with np.errstate(invalid="ignore"):
            score = np.nanmean(block, axis=1)
        score[answered < MIN_ITEMS] = np.nan
        means[scale] = float(np.nanmean(score))
    return means


def _hits(value: float, target: float) -> bool:
    return abs(value - target) < 0.005 - 1e-9


def _calibrate_item(rng: np.random.Generator, values: np.ndarray, missing: np.ndarray,
                    column: int, target: float, theta: np.ndarray) -> None:
    """Nudge answers in ``column`` one step at a time until their mean rounds to ``target``."""
    import numpy as np

    while True:
        valid = ~missing[:, column]
        n_valid = int(valid.sum())
        wanted = round(target * n_valid)
        if _hits(wanted / n_valid, target):
            break
        # no sum of n_valid answers has this mean: one more respondent answers "weet niet"
        candidates = np.flatnonzero(valid & (np.sum(missing, axis=1) == 0))
        missing[rng.choice(candidates), column] = True
    answers = values[:, column]
    while True:
        total = int(np.nansum(np.where(missing[:, column], np.nan, answers)))
        if total == wanted:
            break
        step = 1 if total < wanted else -1
        room = (~missing[:, column]) & ((answers < 5) if step > 0 else (answers > 1))
        candidates = np.flatnonzero(room)
        # prefer respondents whose latent attitude points the same way
        weights = np.exp(step * theta[candidates])
        answers[rng.choice(candidates, p=weights / weights.sum())] += step


def _calibrate_scales(values: np.ndarray, missing: np.ndarray, scale_columns: dict[str, list[int]],
                      fixed: set[int], targets: dict[str, float]) -> None:
    """Greedy ±1 moves on non-target items until every scale mean rounds to its target.

    A move of one answer by ``step`` changes its respondent's score by ``step / answered``
    and the scale mean by that over the number of scored respondents; each round takes the
    move that brings the mean closest to the target.
    """
    import numpy as np

    for scale, target in targets.items():
        columns = scale_columns[scale]
        free = [c for c in columns if c not in fixed]
        answered = (~missing[:, columns]).sum(axis=1)
        scored = answered >= MIN_ITEMS
        for _ in range(500):
            current = _scale_means(np.where(missing, np.nan, values), {scale: columns})[scale]
            if _hits(current, target):
                break
            best: tuple[float, int, int, int] | None = None
            for column in free:
                for step in (1, -1):
                    movable = (~missing[:, column]) & scored & (
                        values[:, column] + step >= 1) & (values[:, column] + step <= 5)
                    for row in np.flatnonzero(movable):
                        trial = current + step / (answered[row] * scored.sum())
                        gap = abs(trial - target)
                        if best is None or gap < best[0]:
                            best = (gap, int(row), column, step)
            if best is None or best[0] >= abs(current - target):
                raise RuntimeError(f"cannot calibrate scale {scale}")  # pragma: no cover
            values[best[1], best[2]] += best[3]
        else:  # pragma: no cover - would mean the greedy search cycles
            raise RuntimeError(f"cannot calibrate scale {scale}")


def simulate_questionnaire(rng: np.random.Generator, group: str) -> pd.DataFrame:
    """One measurement (``voor`` or ``na``) as stored: codes 1–5, 9 = weet niet, NaN = blank,
    ``samenwerking_3`` reverse-keyed."""
    import numpy as np
    import pandas as pd

    spec = TARGETS[group]
    n = spec["n"]
    columns = [item.name for item in ITEMS]
    scale_columns = {s: [j for j, item in enumerate(ITEMS) if item.scale == s] for s in SCALES}
    corr = np.full((3, 3), 0.4) + 0.6 * np.eye(3)
    theta = rng.multivariate_normal(np.zeros(3), corr, size=n)

    means = np.empty(len(ITEMS))
    for scale in SCALES:
        target_items = {c: spec["items"][columns[c]] for c in scale_columns[scale]
                        if columns[c] in spec["items"]}
        free = [c for c in scale_columns[scale] if c not in target_items]
        k = len(scale_columns[scale])
        rest = (spec["scales"][scale] * k - sum(target_items.values())) / len(free)
        spread = np.linspace(-0.12, 0.12, len(free))
        for c, value in target_items.items():
            means[c] = value
        for c, offset in zip(free, spread, strict=True):
            means[c] = rest + offset
    scale_of = np.array([SCALES.index(item.scale) for item in ITEMS])
    latent = means + 0.65 * theta[:, scale_of] + rng.normal(0, 0.55, size=(n, len(ITEMS)))
    values = np.clip(np.rint(latent), 1, 5)

    # item non-response: at most one missing answer per respondent and scale
    missing = np.zeros_like(values, dtype=bool)
    n_missing = max(2, round(0.03 * values.size))
    cells = rng.permutation(values.size)
    placed = 0
    for cell in cells:
        row, column = divmod(int(cell), len(ITEMS))
        if missing[row, scale_columns[ITEMS[column].scale]].any():
            continue
        missing[row, column] = True
        placed += 1
        if placed == n_missing:
            break

    target_columns = {columns.index(name): value for name, value in spec["items"].items()}
    for column, target in target_columns.items():
        _calibrate_item(rng, values, missing, column, target, theta[:, scale_of[column]])
    _calibrate_scales(values, missing, scale_columns, set(target_columns), spec["scales"])

    # how each missing answer is stored: mostly "weet niet" (9), some left blank
    stored = values.copy()
    kinds = rng.random(values.shape)
    stored[missing & (kinds < 0.7)] = DONT_KNOW
    stored[missing & (kinds >= 0.7)] = np.nan
    for j, item in enumerate(ITEMS):
        if item.reverse:
            answered = ~missing[:, j]
            stored[answered, j] = 6 - stored[answered, j]

    frame = pd.DataFrame(stored, columns=columns)
    frame.insert(0, "respnr", np.arange(spec["first_id"], spec["first_id"] + n, dtype=float))
    frame.insert(1, "meting", 1.0 if group == "voor" else 2.0)
    experienced = 0.6 if group == "na" else 0.0
    frame["leeftijd"] = rng.choice(list(AGE_GROUPS), size=n, p=[0.15, 0.4, 0.3, 0.15])
    frame["geslacht"] = rng.choice(list(GENDERS), size=n, p=[0.25, 0.72, 0.03])
    frame["organisatie"] = rng.choice(list(ORGANISATIONS), size=n, p=[0.3, 0.35, 0.2, 0.15])
    frame["ervaring"] = np.round(np.clip(rng.gamma(2.2, 4.0, size=n) + experienced * 3, 0.5,
                                         40) * 2) / 2
    return frame


def questionnaire_metadata() -> dict[str, Any]:
    """Variable labels, value labels and user-missing codes of the questionnaire files."""
    labels = {"respnr": "Respondentnummer", "meting": "Meting",
              "leeftijd": "Leeftijdsgroep", "geslacht": "Gender",
              "organisatie": "Organisatie", "ervaring": "Jaren werkervaring in het sociaal domein"}
    labels.update({item.name: item.label for item in ITEMS})
    value_labels: dict[str, dict[float, str]] = {item.name: LIKERT_LABELS for item in ITEMS}
    value_labels.update({"meting": {1.0: "voor", 2.0: "na"}, "leeftijd": AGE_GROUPS,
                         "geslacht": GENDERS, "organisatie": ORGANISATIONS})
    missing = {item.name: [DONT_KNOW] for item in ITEMS}
    measures = {item.name: "ordinal" for item in ITEMS}
    measures.update({"respnr": "nominal", "meting": "nominal", "leeftijd": "ordinal",
                     "geslacht": "nominal", "organisatie": "nominal", "ervaring": "scale"})
    return {"column_labels": labels, "value_labels": value_labels, "missing_ranges": missing,
            "measures": measures}


# --------------------------------------------------------------------------------------------
# Vignettes


def vignette_deck() -> pd.DataFrame:
    """The 8 combinations of three binary factors plus vignette 9 = vignette 1 repeated."""
    import itertools

    import pandas as pd

    rows = []
    for number, levels in enumerate(itertools.product(*FACTORS.values()), start=1):
        rows.append({"vignette": number, **dict(zip(FACTORS, levels, strict=True))})
    rows.append({**rows[0], "vignette": N_VIGNETTES})
    return pd.DataFrame(rows)


def _simple_effects(design: np.ndarray, ratings: np.ndarray) -> np.ndarray:
    """OLS effects of the non-reference levels (a quick calibration check)."""
    import numpy as np

    keep = ~np.isnan(ratings)
    x = np.column_stack([np.ones(int(keep.sum())), design[keep]])
    beta, *_ = np.linalg.lstsq(x, ratings[keep], rcond=None)
    return beta[1:]


def simulate_vignettes(rng: np.random.Generator, respondents: dict[str, list[int]]
                       ) -> pd.DataFrame:
    """Long data: respondent × vignette, in a random order per respondent."""
    import numpy as np
    import pandas as pd

    deck = vignette_deck()
    indicators = np.column_stack([(deck[f] == levels[1]).to_numpy(float)
                                  for f, levels in FACTORS.items()])
    straight_id = respondents["na"][-1]
    for _attempt in range(1000):
        parts = {}
        for group, ids in respondents.items():
            n = len(ids)
            effects = np.array([VIGNETTE_EFFECTS[group][f] for f in FACTORS])
            order = np.argsort(rng.random((n, N_VIGNETTES)), axis=1)
            intercept = VIGNETTE_BASELINE + rng.normal(0, 1.2, size=n)
            mean = intercept[:, None] + indicators[order] @ effects
            ratings = np.clip(np.rint(mean + rng.normal(0, 1.1, size=mean.shape)), 1, 10)
            parts[group] = (np.asarray(ids), order, ratings)
        # one professional gives every scenario the same rating (straight-lining)
        ids, order, ratings = parts["na"]
        ratings[ids == straight_id] = 8.0
        # three ratings left open
        flat = rng.choice(np.flatnonzero(np.repeat(ids != straight_id, N_VIGNETTES)), size=3,
                          replace=False)
        ratings.reshape(-1)[flat] = np.nan
        if all(np.all(np.abs(_simple_effects(indicators[o].reshape(-1, len(FACTORS)),
                                             r.reshape(-1))
                             - np.array([VIGNETTE_EFFECTS[g][f] for f in FACTORS])) < 0.07)
               for g, (_, o, r) in parts.items()):
            break
    else:  # pragma: no cover
        raise RuntimeError("vignette calibration failed")
    frames = []
    for group, (ids, order, ratings) in parts.items():
        cards = deck.iloc[order.reshape(-1)].reset_index(drop=True)
        frames.append(pd.DataFrame({
            "respondent": np.repeat(ids, N_VIGNETTES), "meting": group,
            "vignette": cards["vignette"].to_numpy(),
            "positie": np.tile(np.arange(1, N_VIGNETTES + 1), len(ids)),
            **{f: cards[f].to_numpy() for f in FACTORS},
            "bereidheid": ratings.reshape(-1)}))
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------------------------
# All demo files


def simulate_demo(seed: int = 2023) -> dict[str, pd.DataFrame]:
    """The demo tables: ``pre`` and ``post`` questionnaires, ``vignettes`` and ``deck``."""
    import numpy as np

    rng = np.random.default_rng(seed)
    pre = simulate_questionnaire(rng, "voor")
    post = simulate_questionnaire(rng, "na")
    respondents = {"voor": pre["respnr"].astype(int).tolist(),
                   "na": post["respnr"].astype(int).tolist()}
    vignettes = simulate_vignettes(rng, respondents)
    return {"pre": pre, "post": post, "vignettes": vignettes, "deck": vignette_deck()}


def _dutch_csv(frame: pd.DataFrame) -> bytes:
    """As Excel in a Dutch locale exports: ``;``, decimal comma, Windows-1252, CRLF."""
    text = frame.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    return text.encode("cp1252")


def write_demo(writer: OutputWriter, seed: int = 2023) -> None:
    """Write the demo files (see ``data/README.md``) through ``writer``."""
    import numpy as np
    import pandas as pd

    from .io.sav import write_sav

    tables = simulate_demo(seed)
    meta = questionnaire_metadata()
    for name in ("pre", "post"):
        title = "Leeratelier Maatwerk & Regie, vragenlijst " + (
            "vóór" if name == "pre" else "na") + " de training (synthetisch)"
        write_sav(tables[name], writer.path(f"{name}.sav"), file_label=title[:64],
                  epoch=DEFAULT_EPOCH, **meta)

    # one file with both measurements, as a Dutch Excel CSV export with text codes
    combined = pd.concat([tables["pre"], tables["post"]], ignore_index=True)
    combined["meting"] = np.where(combined["meting"] == 1.0, "voor", "na")
    combined["organisatie"] = combined["organisatie"].map(ORGANISATIONS)
    for column in ("respnr", "leeftijd", "geslacht"):
        combined[column] = combined[column].astype("Int64")
    for item in ITEMS:
        combined[item.name] = combined[item.name].astype("Int64")
    writer.write_bytes("vragenlijst.csv", _dutch_csv(combined))

    vignettes = tables["vignettes"].copy()
    vignettes["bereidheid"] = vignettes["bereidheid"].astype("Int64")
    text = vignettes.to_csv(index=False, sep=";", lineterminator="\n")
    writer.write_bytes("vignetten.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
    writer.write_csv("deck.csv", tables["deck"])
    write_paired_demo(writer, seed)
    write_team_demo(writer, seed)
    from .simulate_qda import write_interviews_demo  # coded interviews (issue 15)

    write_interviews_demo(writer)


# --------------------------------------------------------------------------------------------
# Paired demo: Gewogen Maatwerk (the same professionals measured twice)
#
# Modelled on the Gewogen Maatwerk factsheet (TNO and Tilburg University, ZonMw programme
# Vakkundig aan het Werk; ../shared/seeds/004_…): 57 klantmanagers of two municipalities
# (Den Haag, Amersfoort) answered a questionnaire before and after the implementation of the
# intervention. The factsheet reports directions, not numbers: methodical work increased,
# mainly drawing up and carrying out a trajectory plan (intake / assessment and looking back
# unchanged); attitude, subjective norm and self-efficacy towards methodical work increased,
# the largest effect being the descriptive norm (seeing colleagues work methodically). The
# effect sizes below are invented to follow that pattern; item wordings are written for the
# demo. Besides the 57 people with both measurements, 5 klantmanagers of Den Haag answered
# only before and 5 only after (drop-outs and newcomers), so the toolkit's report of
# unmatched ids and its mixed model on every respondent can be seen. With none in Amersfoort
# and every scale and subscale scored at every measurement (at most one gap per scale),
# at every measurement of every municipality either nobody or at least 5 were measured once,
# so the change per municipality is published (publish/differencing.py, min_cell 5).


@dataclass(frozen=True)
class PairedItem:
    name: str
    scale: str
    label: str
    effect: float  # mean change after − before on the 1–5 answer scale
    reverse: bool = False


PAIRED_ITEMS: tuple[PairedItem, ...] = (
    PairedItem("methodisch_1", "methodisch",
               "Bij de intake breng ik de situatie van een cliënt systematisch in kaart", 0.0),
    PairedItem("methodisch_2", "methodisch",
               "Ik gebruik een vast instrument om de afstand tot de arbeidsmarkt in beeld te "
               "brengen", 0.0),
    PairedItem("methodisch_3", "methodisch",
               "Ik stel samen met de cliënt een trajectplan op met concrete doelen", 0.60),
    PairedItem("methodisch_4", "methodisch",
               "Ik voer het trajectplan stap voor stap uit en houd de voortgang bij", 0.55),
    PairedItem("methodisch_5", "methodisch",
               "Aan het eind van een traject kijk ik terug op wat wel en niet werkte", 0.0),
    PairedItem("methodisch_6", "methodisch",
               "Ik pas mijn werkwijze aan op wat eerdere trajecten hebben opgeleverd", 0.15),
    PairedItem("attitude_1", "attitude",
               "Methodisch werken helpt mij om cliënten beter te ondersteunen", 0.30),
    PairedItem("attitude_2", "attitude",
               "Methodisch werken kost meer tijd dan het oplevert", 0.25, reverse=True),
    PairedItem("attitude_3", "attitude", "Ik vind methodisch werken waardevol", 0.30),
    PairedItem("attitude_4", "attitude",
               "Methodisch werken past bij hoe ik mijn vak wil uitoefenen", 0.25),
    PairedItem("norm_1", "norm", "Mijn leidinggevende verwacht dat ik methodisch werk", 0.30),
    PairedItem("norm_2", "norm", "Mijn collega's vinden dat ik methodisch moet werken", 0.25),
    PairedItem("norm_3", "norm", "De meeste collega's in mijn team werken methodisch", 0.70),
    PairedItem("norm_4", "norm",
               "Ik zie collega's hun trajectplannen systematisch bijhouden", 0.60),
    PairedItem("effectiviteit_1", "effectiviteit",
               "Ik weet hoe ik een trajectplan opstel dat aansluit bij de cliënt", 0.30),
    PairedItem("effectiviteit_2", "effectiviteit",
               "Ik kan goed onderbouwen waarom ik een bepaald instrument inzet", 0.30),
    PairedItem("effectiviteit_3", "effectiviteit",
               "Als het druk is, vind ik het moeilijk om methodisch te werken", 0.15,
               reverse=True),
    PairedItem("effectiviteit_4", "effectiviteit",
               "Ik heb er vertrouwen in dat ik methodisch kan werken", 0.30),
)
# Two more items of methodisch werken, so each of its four steps (intake/beeldvorming 1–2,
# trajectplan opstellen 3 + 7, uitvoeren 4 + 8, terugblik 5–6) has two: drawn from their own
# random stream after the others, so every other column stays as it was.
PAIRED_EXTRA_ITEMS: tuple[PairedItem, ...] = (
    PairedItem("methodisch_7", "methodisch",
               "In het trajectplan leg ik vast wie wat doet en wanneer", 0.55),
    PairedItem("methodisch_8", "methodisch",
               "Tijdens het traject stel ik het plan bij als de situatie van de cliënt "
               "verandert", 0.50),
)
PAIRED_SCALES = ("methodisch", "attitude", "norm", "effectiviteit")
PAIRED_BASELINE = {"methodisch": 3.3, "attitude": 3.5, "norm": 3.0, "effectiviteit": 3.6}
PAIRED_N = 57
PAIRED_ONLY_BEFORE = 4
PAIRED_ONLY_AFTER = 2
# One more drop-out and three more newcomers, drawn from their own stream after the others
# (so the first 63 people stay as they were): 5 and 5 measured once, all in Den Haag.
PAIRED_LATE_BEFORE = 1
PAIRED_LATE_AFTER = 3
MUNICIPALITIES = {1.0: "Den Haag", 2.0: "Amersfoort"}


def simulate_paired(seed: int = 2023) -> pd.DataFrame:
    """The Gewogen Maatwerk demo in long form: one row per professional and measurement
    (``meting`` 1 = voor, 2 = na), items 1–5 as stored (reverse-keyed items as answered,
    9 = weet niet, blank = no answer).

    A stable attitude per person and scale (scales correlated .5, sd 0.6) plus a personal
    change (sd 0.35) around the item's effect, plus answer noise (sd 0.6), rounded to 1–5;
    per item 2.5 % weet niet and 1 % blank, at most one such gap per scale and measurement
    (so every scale and subscale is scored). Everyone measured once works in Den Haag.
    Uses its own random streams (``default_rng([seed, 57])`` and, for later additions,
    ``[seed, 57, 2]`` and ``[seed, 57, 3]``), so the Leeratelier files stay byte-identical.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng([seed, PAIRED_N])
    n_people = PAIRED_N + PAIRED_ONLY_BEFORE + PAIRED_ONLY_AFTER
    ids = np.arange(1001, 1001 + n_people)
    corr = np.full((4, 4), 0.5) + 0.5 * np.eye(4)
    trait = 0.6 * rng.multivariate_normal(np.zeros(4), corr, size=n_people)
    change = 0.35 * rng.normal(size=(n_people, 4))
    municipality = rng.choice(list(MUNICIPALITIES), size=n_people, p=[0.6, 0.4])
    experience = np.round(np.clip(rng.gamma(2.5, 3.5, size=n_people), 0.5, 35) * 2) / 2
    scale_index = {s: j for j, s in enumerate(PAIRED_SCALES)}
    measured = {1.0: ids[: PAIRED_N + PAIRED_ONLY_BEFORE],
                2.0: np.concatenate([ids[:PAIRED_N], ids[PAIRED_N + PAIRED_ONLY_BEFORE:]])}
    draws: dict[tuple[float, str], list[np.ndarray]] = {}  # (meting, item) → gap draws

    def answers(gen: np.random.Generator, item: PairedItem, meting: float, rows: np.ndarray,
                trait: np.ndarray, change: np.ndarray) -> np.ndarray:
        j = scale_index[item.scale]
        latent = PAIRED_BASELINE[item.scale] + trait[rows, j]
        if meting == 2.0:
            latent = latent + item.effect + change[rows, j]
        answer = np.clip(np.rint(latent + gen.normal(0, 0.6, size=len(rows))), 1, 5)
        draws.setdefault((meting, item.name), []).append(gen.random(len(rows)))
        return 6 - answer if item.reverse else answer

    frames = []
    for meting, who in measured.items():
        rows = who - 1001
        columns: dict[str, Any] = {"respnr": who.astype(float),
                                   "meting": np.full(len(who), meting)}
        for item in PAIRED_ITEMS:
            columns[item.name] = answers(rng, item, meting, rows, trait, change)
        columns["gemeente"] = municipality[rows]
        columns["ervaring"] = experience[rows]
        frames.append(pd.DataFrame(columns))
    extra = np.random.default_rng([seed, PAIRED_N, 2])
    for frame, (meting, who) in zip(frames, measured.items(), strict=True):
        rows = who - 1001
        for item in PAIRED_EXTRA_ITEMS:
            frame.insert(frame.columns.get_loc("methodisch_6") + 1 + (item.name[-1] == "8"),
                         item.name, answers(extra, item, meting, rows, trait, change))
    late = np.random.default_rng([seed, PAIRED_N, 3])
    n_late = PAIRED_LATE_BEFORE + PAIRED_LATE_AFTER
    late_ids = np.arange(1001 + n_people, 1001 + n_people + n_late)
    late_trait = 0.6 * late.multivariate_normal(np.zeros(4), corr, size=n_late)
    late_change = 0.35 * late.normal(size=(n_late, 4))
    late_experience = np.round(np.clip(late.gamma(2.5, 3.5, size=n_late), 0.5, 35) * 2) / 2
    late_measured = (late_ids[:PAIRED_LATE_BEFORE], late_ids[PAIRED_LATE_BEFORE:])
    items = {item.name: item for item in (*PAIRED_ITEMS, *PAIRED_EXTRA_ITEMS)}
    for k, (meting, who) in enumerate(zip(measured, late_measured, strict=True)):
        rows = who - late_ids[0]
        columns = {"respnr": who.astype(float), "meting": np.full(len(who), meting)}
        for name in frames[k].columns:
            if name in items:
                columns[name] = answers(late, items[name], meting, rows, late_trait,
                                        late_change)
        columns["gemeente"] = np.full(len(who), 1.0)
        columns["ervaring"] = late_experience[rows]
        frames[k] = pd.concat([frames[k], pd.DataFrame(columns)[frames[k].columns]],
                              ignore_index=True)
        frames[k].loc[~frames[k]["respnr"].isin(ids[:PAIRED_N]), "gemeente"] = 1.0
    for frame, meting in zip(frames, measured, strict=True):
        for scale in PAIRED_SCALES:  # the gaps, at most one per scale (the first drawn)
            names = [c for c in frame.columns if c.startswith(f"{scale}_")]
            u = np.column_stack([np.concatenate(draws[(meting, name)]) for name in names])
            first = np.cumsum(u < 0.035, axis=1) == 1
            values = frame[names].to_numpy(dtype=float, copy=True)
            values[first & (u < 0.025)] = DONT_KNOW
            values[first & (u >= 0.025) & (u < 0.035)] = np.nan
            frame[names] = values
    return pd.concat(frames, ignore_index=True)


def paired_metadata() -> dict[str, Any]:
    """Variable labels, value labels and user-missing codes of the Gewogen Maatwerk file."""
    labels = {"respnr": "Respondentnummer", "meting": "Meting", "gemeente": "Gemeente",
              "ervaring": "Jaren werkervaring als klantmanager"}
    items = (*PAIRED_ITEMS, *PAIRED_EXTRA_ITEMS)
    labels.update({item.name: item.label for item in items})
    value_labels: dict[str, dict[float, str]] = {item.name: LIKERT_LABELS for item in items}
    value_labels.update({"meting": {1.0: "voor", 2.0: "na"}, "gemeente": MUNICIPALITIES})
    missing = {item.name: [DONT_KNOW] for item in items}
    measures = {item.name: "ordinal" for item in items}
    measures.update({"respnr": "nominal", "meting": "nominal", "gemeente": "nominal",
                     "ervaring": "scale"})
    return {"column_labels": labels, "value_labels": value_labels, "missing_ranges": missing,
            "measures": measures}


def write_paired_demo(writer: OutputWriter, seed: int = 2023) -> None:
    """Write ``gewogen_maatwerk.sav`` (see ``data/README.md``) through ``writer``."""
    from .io.sav import write_sav

    write_sav(simulate_paired(seed), writer.path("gewogen_maatwerk.sav"),
              file_label="Gewogen Maatwerk, vragenlijst voor en na (synthetisch)",
              epoch=DEFAULT_EPOCH, **paired_metadata())


# --------------------------------------------------------------------------------------------
# Team survey: professionals nested in teams (seed 002, "Rebel with a cause")
#
# Modelled on the survey of seed 002 (Bernards & Schmidt 2021): 965 professionals in 64
# wijk- en jeugdteams and their 64 team leaders; which personal (task uncertainty) and
# organisational factors (leader support, a safe team climate) go with more maatwerk. The
# published slides give only the design and the direction of the effects: task uncertainty
# goes with less maatwerk, leader support and team climate with more, and climate is
# "voorwaarde voor leiderschap om effectief te zijn" (support matters more in a safe climate).

TEAM_N = 965
TEAM_COUNT = 64
TEAM_SCALES = {  # scale → (label, item stem, mean, team sd, person sd)
    "taakonzekerheid": ("Taakonzekerheid", "onzeker", 2.7, 0.12, 0.65),
    "steun": ("Steun van de teamleider", "steun", 3.6, 0.40, 0.55),
    "klimaat": ("Veilig teamklimaat", "klimaat", 3.8, 0.30, 0.50),
    "maatwerk": ("Maatwerk", "maatwerk", 3.3, 0.0, 0.0),
}
TEAM_ITEM_LABELS = {
    "onzeker": ("Het is mij vaak onduidelijk wat er van mij verwacht wordt",
                "Ik weet niet altijd hoe ik een casus moet aanpakken",
                "De doelen van mijn werk zijn mij niet duidelijk",
                "Ik twijfel of ik de juiste dingen doe in mijn werk"),
    "steun": ("Mijn teamleider heeft een inspirerende visie op het werk",
              "Mijn teamleider steunt mij als ik van de regels afwijk",
              "Mijn teamleider geeft zelf het goede voorbeeld",
              "Mijn teamleider staat voor het team als het spannend wordt"),
    "klimaat": ("In ons team kun je risico's nemen",
                "Nieuwe ideeën zijn welkom in ons team",
                "In ons team kun je fouten bespreken",
                "In ons team wordt meedenken gewaardeerd"),
    "maatwerk": ("Ik leg regels uit in het voordeel van de burger",
                 "Ik schuif een regel opzij als die een burger niet helpt",
                 "Ik zoek de ruimte in de regels voor een passende oplossing",
                 "Ik maak een uitzondering als de situatie daarom vraagt"),
}
# maatwerk = 3.3 − 0.30·onzekerheid + 0.20·steun + 0.15·klimaat + 0.15·steun×klimaat
# (predictors centred at their means) + team effect (sd 0.20) + person noise (sd 0.45)
TEAM_EFFECTS = {"taakonzekerheid": -0.30, "steun": 0.20, "klimaat": 0.15,
                "steun:klimaat": 0.15, "team_sd": 0.20, "residual_sd": 0.45,
                "rebels": 0.15}


def simulate_teams(seed: int = 2023) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The team survey (one row per professional) and the team-leader file (one row per
    team). Its own random stream (``default_rng([seed, 965])``), so the other demo files stay
    byte-identical.

    Team sizes: 64 teams, sizes drawn around 15 (two teams of 3 and 4, to show the small-team
    rule); latent scale scores = team part + person part; four 1–5 items per scale = latent
    + item noise (sd 0.5), rounded; 1.5 % of the answers blank. Leaders rate their own rule
    bending (``rebels_1..3``), which adds to the team's maatwerk.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng([seed, TEAM_N])
    weights = rng.gamma(4.0, 1.0, size=TEAM_COUNT - 2)
    sizes = np.maximum(5, np.rint(weights / weights.sum() * (TEAM_N - 7))).astype(int)
    sizes = np.r_[sizes, 3, 4]
    sizes[np.argmax(sizes)] += TEAM_N - sizes.sum()  # exactly 965 professionals
    team = np.repeat(np.arange(1, TEAM_COUNT + 1), sizes)
    codes = team - 1
    latent: dict[str, np.ndarray] = {}
    for scale, (_label, _stem, mean, team_sd, person_sd) in TEAM_SCALES.items():
        if scale == "maatwerk":
            continue
        team_part = rng.normal(0, team_sd, size=TEAM_COUNT)
        latent[scale] = mean + team_part[codes] + rng.normal(0, person_sd, size=TEAM_N)
    rebels = rng.normal(0, 0.6, size=TEAM_COUNT)
    centred = {k: v - v.mean() for k, v in latent.items()}
    effects = TEAM_EFFECTS
    latent["maatwerk"] = (TEAM_SCALES["maatwerk"][2]
                          + effects["taakonzekerheid"] * centred["taakonzekerheid"]
                          + effects["steun"] * centred["steun"]
                          + effects["klimaat"] * centred["klimaat"]
                          + effects["steun:klimaat"] * centred["steun"] * centred["klimaat"]
                          + effects["rebels"] * rebels[codes]
                          + rng.normal(0, effects["team_sd"], size=TEAM_COUNT)[codes]
                          + rng.normal(0, effects["residual_sd"], size=TEAM_N))
    columns: dict[str, Any] = {"respnr": np.arange(1, TEAM_N + 1).astype(float),
                               "team": team.astype(float)}
    for scale, (_label, stem, *_rest) in TEAM_SCALES.items():
        for k in range(4):
            answer = np.clip(np.rint(latent[scale] + rng.normal(0, 0.5, size=TEAM_N)), 1, 5)
            answer[rng.random(TEAM_N) < 0.015] = np.nan
            columns[f"{stem}_{k + 1}"] = answer
    columns["leeftijd"] = np.clip(np.rint(rng.normal(44.8, 9.6, size=TEAM_N)), 22, 66)
    columns["geslacht"] = (rng.random(TEAM_N) < 0.87).astype(float)  # 1 = vrouw
    survey = pd.DataFrame(columns)
    leader_columns: dict[str, Any] = {"team": np.arange(1, TEAM_COUNT + 1).astype(float)}
    for k in range(3):
        leader_columns[f"rebels_{k + 1}"] = np.clip(
            np.rint(3.2 + rebels + rng.normal(0, 0.45, size=TEAM_COUNT)), 1, 5)
    leader_columns["leider_jaren"] = np.clip(np.rint(rng.gamma(3, 2.5, size=TEAM_COUNT)), 1, 30)
    return survey, pd.DataFrame(leader_columns)


def teams_metadata() -> dict[str, Any]:
    """Labels of the team survey (SPSS)."""
    labels = {"respnr": "Respondentnummer", "team": "Team (wijk- of jeugdteam)",
              "leeftijd": "Leeftijd in jaren", "geslacht": "Geslacht"}
    value_labels: dict[str, dict[float, str]] = {"geslacht": {0.0: "man", 1.0: "vrouw"}}
    measures = {"respnr": "nominal", "team": "nominal", "leeftijd": "scale",
                "geslacht": "nominal"}
    for _scale, (_label, stem, *_rest) in TEAM_SCALES.items():
        for k, text in enumerate(TEAM_ITEM_LABELS[stem]):
            labels[f"{stem}_{k + 1}"] = text
            value_labels[f"{stem}_{k + 1}"] = {v: t for v, t in LIKERT_LABELS.items()
                                                if v != DONT_KNOW}
            measures[f"{stem}_{k + 1}"] = "ordinal"
    return {"column_labels": labels, "value_labels": value_labels, "measures": measures}


def write_team_demo(writer: OutputWriter, seed: int = 2023) -> None:
    """Write ``teams.sav`` and ``teamleiders.csv`` (see ``data/README.md``) through
    ``writer``."""
    from .io.sav import write_sav

    survey, leaders = simulate_teams(seed)
    write_sav(survey, writer.path("teams.sav"),
              file_label="Maatwerk in wijk- en jeugdteams (synthetisch)",
              epoch=DEFAULT_EPOCH, **teams_metadata())
    for column in leaders.columns:
        leaders[column] = leaders[column].astype("Int64")
    writer.write_bytes("teamleiders.csv", _dutch_csv(leaders))
