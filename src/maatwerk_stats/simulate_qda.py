"""Synthetic coded interviews for the demo, modelled on seed 003 (the thesis "Op weg naar
maatwerk": 16 interviews coded in NVivo 14; appendix D, the code tree; Table 2, institutional /
organisational / individual factors × enabling / hindering, organisational factors discussed
most).

**Synthetic**: the project, the interview texts and every count are made up by this module;
nothing comes from the real interviews. The code tree follows appendix D's structure (branch
names and numbering, direction nodes such as ``0 - Bevorderend`` / ``1 - Barrières`` under
the organisational factors and ``Belemmerend`` / ``Bevorderend`` under each institutional
theme), the factors those of Table 2; the number of interviews per factor is invented, with
the organisational factors discussed most.

Written (``write_interviews_demo``) into ``interviews/``:

- ``project.qdpx``: a REFI-QDA project (``project.qde`` valid against Project.xsd, the 16
  transcripts in ``Sources/``), 16 cases (participants) with the variables ``rol`` and
  ``organisatie``. Some fragments are coded at a factor and at its direction node, or at two
  factors, as coders do: the tree totals must count them once.
- ``codes_nvivo.csv``: the same tree as NVivo's code summary (Dutch NVivo headers, hierarchy as
  ``Hiërarchische naam``), parents at 0 / 0 as NVivo shows them.

Deterministic without a random generator: interviews are assigned to a factor by a fixed
rotation, so the files are the same on every platform.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .io.write import OutputWriter

N_INTERVIEWS = 16
NAMESPACE = uuid.UUID("6f1d8a52-3c1e-4d0e-9f55-6b1b3f0f2a10")
STAMP = (2024, 1, 1, 0, 0, 0)
SYNTHETIC = "[Synthetisch interview, gemaakt door maatwerk-stats simulate; geen echte data.]"
FIRST_NAMES = ("Sanne", "Mohamed", "Linda", "Kees", "Fatima", "Joost", "Ingrid", "Rachid",
               "Marieke", "Tom", "Esra", "Bas", "Anouk", "Hans", "Naima", "Pieter")
ROLES = ("wijkteamprofessional",) * 11 + ("manager",) * 5
ORGANISATIONS = ("gemeente A",) * 9 + ("gemeente B",) * 7
# how a second or later fragment on the same factor starts (the texts are synthetic)
LEADS = ("Eerlijk gezegd:", "Wat ik vaak zie:", "Dat merk ik ook:", "Een voorbeeld:",
         "Kijk,", "Ja,")


@dataclass(frozen=True)
class Node:
    """A code; a factor (leaf with ``files``) gets fragments in that many interviews."""

    name: str
    children: tuple[Node, ...] = ()
    files: int = 0
    references: int = 0
    quotes: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # its first fragment is also coded at these codes (paths)
    description: str | None = None


def leaf(name: str, files: int, references: int, *quotes: str, also: Sequence[str] = ()
         ) -> Node:
    return Node(name, files=files, references=references, quotes=quotes, also=tuple(also))


def branch(name: str, *children: Node, description: str | None = None) -> Node:
    return Node(name, children=children, description=description)


ORG_ENABLING = "4 - Organisatorische factoren\\0 - Bevorderend"
ORG_HINDERING = "4 - Organisatorische factoren\\1 - Barrières"

TREE = (
    branch(
        "0 - Professionaliteit",
        leaf("Autonomie", 6, 7, "Ik heb best veel ruimte om zelf te bepalen wat een gezin "
             "nodig heeft."),
        leaf("Doen wat nodig is", 5, 6, "Uiteindelijk doe je gewoon wat nodig is, ook als "
             "het niet in het boekje staat."),
        leaf("Kennis", 4, 4, "Je moet de regelingen goed kennen om te weten waar de ruimte "
             "zit."),
        description="Hoe professionals hun vak zien"),
    branch(
        "1 - Persoonlijke factoren",
        branch("Belemmerende individuele factoren",
               leaf("Gebrek aan ervaring", 5, 6, "Als nieuwe collega weet je nog niet welke "
                    "deuren je kunt openen."),
               leaf("Gebrek aan specialistische kennis", 4, 5, "Over schulden weet ik te "
                    "weinig om daar echt maatwerk in te leveren."),
               leaf("Terughoudendheid", 4, 4, "Sommige collega's blijven liever binnen de "
                    "kaders, dat voelt veiliger."),
               leaf("Angst om fouten te maken", 3, 3, "Je bent bang dat het misgaat en dat "
                    "jij dan degene bent die het heeft goedgekeurd.")),
        branch("Bevorderende individuele factoren",
               leaf("Proactieve houding", 6, 8, "Ik bel gewoon zelf de woningcorporatie, ik "
                    "wacht niet tot iemand anders het oppakt."),
               leaf("Durf en lef", 5, 6, "Je moet het lef hebben om te zeggen: dit gaan we "
                    "anders doen."),
               leaf("Doorzettingsvermogen", 5, 5, "Ik blijf net zo lang bellen tot het "
                    "geregeld is."),
               leaf("Luisteren en analyseren", 4, 4, "Eerst goed luisteren, dan pas kijk je "
                    "wat er echt speelt."),
               leaf("Openheid en oordeelloosheid", 3, 4, "Zonder oordeel naar een gezin "
                    "kijken, dat is de basis."))),
    leaf("2 - Functie", 10, 18, "Als wijkteamprofessional ben ik de spin in het web rond "
         "een gezin."),
    branch(
        "3 - Institutionele factoren",
        branch("10 - Visie maatwerk",
               leaf("Belemmerende visie", 6, 7, "Maatwerk wordt nog vaak gezien als een "
                    "uitzondering die je moet verantwoorden."),
               leaf("Bevorderende verandering", 5, 5, "Je merkt dat de visie verandert: "
                    "meer vanuit de bedoeling van de wet.")),
        branch("15 - Wet en regelgeving",
               leaf("Belemmerend", 7, 9, "De regels zijn zo onduidelijk dat niemand durft "
                    "te zeggen wat wel mag."),
               leaf("Bevorderend", 3, 3, "Met de integrale verordening kunnen we over de "
                    "schotten heen kijken.")),
        branch("6 - Politiek",
               leaf("Belemmerend", 4, 5, "Na de verkiezingen lag alles weer stil; het hangt "
                    "af van de wethouder."),
               leaf("Bevorderend", 5, 5, "Onze wethouder staat er echt achter, dat helpt "
                    "enorm.")),
        branch("Financiering",
               leaf("Belemmerend", 6, 7, "Het geld zit in gescheiden potjes, dus niemand "
                    "voelt zich verantwoordelijk.")),
        branch("Vertrouwen",
               leaf("Belemmerend", 3, 3, "Er heerst een cultuur van wantrouwen richting "
                    "inwoners."))),
    branch(
        "4 - Organisatorische factoren",
        branch("0 - Bevorderend",
               leaf("1 - Steun management", 11, 16, "Mijn manager zegt: doe wat nodig is, "
                    "ik sta achter je.", "Als mijn teamleider meedenkt, durf ik veel meer."),
               leaf("2 - Maatwerkbudget", 9, 12, "Met het maatwerkbudget kan ik snel iets "
                    "oplossen zonder eindeloze aanvragen."),
               leaf("3 - Verantwoording", 4, 4, "Achteraf verantwoorden in plaats van vooraf "
                    "toestemming vragen werkt goed."),
               leaf("4 - Escalatieroute", 7, 8, "Als ik vastloop, weet ik bij wie ik de "
                    "casus kan neerleggen."),
               leaf("5 - Alle lagen organisatie", 5, 5, "Het moet van de werkvloer tot het "
                    "bestuur gedragen worden."),
               leaf("6 - Mandaat", 6, 7, "Ik heb mandaat tot een bepaald bedrag, dat geeft "
                    "rust."),
               leaf("7 - Lerende organisatiecultuur", 6, 6, "We bespreken casussen samen en "
                    "leren van wat misging."),
               leaf("8 - Samenwerken", 8, 10, "Met de schuldhulp aan tafel kom je veel "
                    "sneller tot een oplossing.")),
        branch("1 - Barrières",
               leaf("1 - Werkdruk en tekort", 12, 17, "De caseload is zo hoog dat er geen "
                    "tijd is om uit te zoeken wat een gezin echt nodig heeft.",
                    "We hebben te weinig mensen, dus maatwerk schiet er als eerste bij in.",
                    also=(ORG_HINDERING, ORG_HINDERING + "\\7 - Samenwerking")),
               leaf("2 - Afgestraft worden", 6, 7, "Als het misgaat, word je erop "
                    "aangesproken; dan doe je het de volgende keer niet meer."),
               leaf("3 - Manager", 5, 6, "Mijn vorige manager wilde vooral dat alles "
                    "volgens het protocol ging.", also=(ORG_HINDERING,)),
               leaf("5 - Structuur", 4, 4, "Elke afdeling heeft zijn eigen loket en zijn "
                    "eigen regels."),
               leaf("6 - Cultuur van rechtmatigheid", 7, 8, "Hier gaat het eerst om "
                    "rechtmatigheid, pas daarna om wat werkt."),
               leaf("7 - Samenwerking", 6, 7, "De samenwerking met de zorgaanbieders loopt "
                    "stroef, iedereen blijft op zijn eigen eiland."))),
    branch(
        "5 - Doorbraakmethode en lab",
        leaf("Positief over DBM", 9, 11, "De Doorbraakmethode geeft houvast om maatwerk te "
             "legitimeren."),
        leaf("Lastig aan te leren", 4, 4, "Het kost tijd om de methode eigen te maken, zeker "
             "het financiële deel.")),
    branch(
        "6 - Verbeteringen en oplossingen",
        leaf("Lerend netwerk", 4, 4, "Een lerend netwerk met andere gemeenten zou helpen."),
        leaf("Platform met casuïstiek", 3, 3, "Een platform met voorbeeldcasussen, zodat je "
             "ziet wat kan."),
        leaf("Meelopen", 3, 3, "Meelopen met iemand van het doorbraakteam, daar leer je het "
             "meest van.")),
)

DOMAINS = {"Institutionele factoren": ("*Institutionele factoren",),
           "Organisatorische factoren": ("*Organisatorische factoren",),
           "Individuele factoren": ("*Persoonlijke factoren",)}


def walk(nodes: Sequence[Node], parent: str = "") -> Iterator[tuple[str, Node]]:
    """(path, node) depth first, parents before children."""
    for node in nodes:
        path = f"{parent}\\{node.name}" if parent else node.name
        yield path, node
        yield from walk(node.children, path)


def guid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


@dataclass
class Fragment:
    interview: int  # 0 … 15
    text: str
    codes: list[str] = field(default_factory=list)  # paths


def fragments() -> list[Fragment]:
    """Every coded fragment: a factor with ``files`` interviews and ``references`` fragments
    gets one fragment in each of ``files`` interviews (by a fixed rotation over the 16) and
    the extra ones in its first interviews; the first fragment is also coded at ``also``."""
    found: list[Fragment] = []
    factors = [(p, n) for p, n in walk(TREE) if n.files]
    for number, (path, node) in enumerate(factors):
        start, step = (number * 5) % N_INTERVIEWS, (3, 5, 7, 9, 11)[number % 5]
        interviews = [(start + step * j) % N_INTERVIEWS for j in range(node.files)]
        for k in range(node.references):
            interview = interviews[k % node.files]
            quote = node.quotes[k % len(node.quotes)]
            lead = LEADS[(k + number) % len(LEADS)]
            text = quote if k < len(node.quotes) else f"{lead} {quote[0].lower()}{quote[1:]}"
            codes = [path, *(node.also if k == 0 else ())]
            found.append(Fragment(interview, text, codes))
    return found


def expected_counts() -> dict[str, tuple[int, int, int, int]]:
    """Path → (files, references, files_total, references_total), counted here with plain
    sets (independently of :mod:`maatwerk_stats.analyses.codes`): the round-trip test
    compares the two."""
    own: dict[str, tuple[set[int], set[int]]] = {p: (set(), set()) for p, _ in walk(TREE)}
    total: dict[str, tuple[set[int], set[int]]] = {p: (set(), set()) for p, _ in walk(TREE)}
    for number, fragment in enumerate(fragments()):
        for path in fragment.codes:
            own[path][0].add(fragment.interview)
            own[path][1].add(number)
            parts = path.split("\\")
            for depth in range(1, len(parts) + 1):
                prefix = "\\".join(parts[:depth])
                total[prefix][0].add(fragment.interview)
                total[prefix][1].add(number)
    return {p: (len(own[p][0]), len(own[p][1]), len(total[p][0]), len(total[p][1]))
            for p in own}


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def project_files() -> dict[str, bytes]:
    """The members of ``project.qdpx``: ``project.qde`` and ``Sources/<guid>.txt``."""
    by_interview: dict[int, list[tuple[int, Fragment]]] = {i: [] for i in range(N_INTERVIEWS)}
    for number, fragment in enumerate(fragments()):
        by_interview[fragment.interview].append((number, fragment))
    paths = {p: guid("code", p) for p, _ in walk(TREE)}
    members: dict[str, bytes] = {}
    sources = []
    for interview, items in by_interview.items():
        source = guid("source", interview)
        text = SYNTHETIC + "\n\n"
        selections = []
        for number, fragment in items:
            start = len(text)
            text += fragment.text
            end = len(text)
            text += "\n\n"
            codings = "".join(
                f'<Coding guid="{guid("coding", number, path)}"><CodeRef targetGUID='
                f'"{paths[path]}"/></Coding>' for path in fragment.codes)
            selections.append(f'      <PlainTextSelection guid="{guid("fragment", number)}" '
                              f'startPosition="{start}" endPosition="{end}">{codings}'
                              "</PlainTextSelection>\n")
        members[f"Sources/{source}.txt"] = text.encode("utf-8")
        name = (f"Interview {interview + 1:02d} – {FIRST_NAMES[interview]}, "
                f"{ROLES[interview]} {ORGANISATIONS[interview]} (synthetisch)")
        sources.append(f'    <TextSource guid="{source}" name="{_escape(name)}" '
                       f'plainTextPath="internal://{source}.txt">\n{"".join(selections)}'
                       "    </TextSource>\n")

    def codes_xml(nodes: Sequence[Node], parent: str, indent: str) -> str:
        out = ""
        for node in nodes:
            path = f"{parent}\\{node.name}" if parent else node.name
            description = (f"<Description>{_escape(node.description)}</Description>"
                           if node.description else "")
            inner = codes_xml(node.children, path, indent + "  ")
            out += (f'{indent}<Code guid="{paths[path]}" name="{_escape(node.name)}" '
                    f'isCodable="true">{description}' + (f"\n{inner}{indent}" if inner else "")
                    + "</Code>\n")
        return out

    role, organisation = guid("variable", "rol"), guid("variable", "organisatie")
    cases = "".join(
        f'    <Case guid="{guid("case", i)}" name="Deelnemer {i + 1:02d}">'
        f'<VariableValue><VariableRef targetGUID="{role}"/><TextValue>{ROLES[i]}</TextValue>'
        f'</VariableValue><VariableValue><VariableRef targetGUID="{organisation}"/>'
        f"<TextValue>{ORGANISATIONS[i]}</TextValue></VariableValue>"
        f'<SourceRef targetGUID="{guid("source", i)}"/></Case>\n'
        for i in range(N_INTERVIEWS))
    qde = ('<?xml version="1.0" encoding="utf-8"?>\n'
           '<Project xmlns="urn:QDA-XML:project:1.0" name="Op weg naar maatwerk – SYNTHETISCHE '
           'demo (gemodelleerd naar seed 003)" origin="maatwerk-stats simulate">\n'
           f"  <CodeBook>\n    <Codes>\n{codes_xml(TREE, '', '      ')}    </Codes>\n"
           "  </CodeBook>\n  <Variables>\n"
           f'    <Variable guid="{role}" name="rol" typeOfVariable="Text"/>\n'
           f'    <Variable guid="{organisation}" name="organisatie" typeOfVariable="Text"/>\n'
           f"  </Variables>\n  <Cases>\n{cases}  </Cases>\n"
           f"  <Sources>\n{''.join(sources)}  </Sources>\n"
           "  <Description>Synthetisch: tekst en aantallen gemaakt door maatwerk-stats "
           "simulate, geen echte interviews.</Description>\n</Project>\n")
    return {"project.qde": qde.encode("utf-8"), **dict(sorted(members.items()))}


def nvivo_summary() -> bytes:
    """The code summary as Dutch NVivo exports it (own coding per code; parents 0 / 0)."""
    counts = expected_counts()
    lines = ["Naam;Hiërarchische naam;Beschrijving;Bestanden;Verwijzingen"]
    for path, node in walk(TREE):
        files, references, _, _ = counts[path]
        lines.append(f"{node.name};Codes\\\\{path.replace(chr(92), chr(92) * 2)};"
                     f"{node.description or ''};{files};{references}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def write_interviews_demo(writer: OutputWriter, folder: str = "interviews/") -> None:
    """Write ``project.qdpx`` and ``codes_nvivo.csv`` (module docstring) through ``writer``."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in project_files().items():
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    writer.write_bytes(f"{folder}project.qdpx", buffer.getvalue())
    writer.write_bytes(f"{folder}codes_nvivo.csv", nvivo_summary())
