"""Code trees of coded interviews: counts per code, tree totals, domain × direction matrix.

From a QDA export (:mod:`maatwerk_stats.io.qda`) this computes what a qualitative chapter
reports beside the survey (seed 003, appendix D and Table 2; seed 004, the implementation
factors):

- ``codes``: per code the files (interviews) and references (fragments) coded at the code
  itself — NVivo's "Files" and "References" — and ``files_total`` / ``references_total`` for
  the code with all its descendants, **each file and fragment counted once**: a fragment
  coded at a code and at its child, or at two siblings, is one reference of the parent
  (NVivo's "aggregate coding from children"; NVivo's plain node summary leaves parents at
  0 / 0 because it does not add children up). From segments (``.qdpx``, a segments table)
  the totals are exact: distinct fragments and distinct sources over the subtree. From a code
  summary alone overlaps cannot be seen, so the totals are bounds — at least the largest
  count in the branch, at most the sum — and are filled in only where the bounds coincide
  (``totals_exact`` says which).
- ``matrix``: domain × direction with the number of factors, files and references (each
  counted once per cell), where the direction is the nearest code (or REFI-QDA set, or the
  summary's Direction column) whose name matches a direction pattern (``Belemmerend``,
  ``Barrières`` …) and the domain a configured pattern or, by default, the top-level branch.
- ``factors``: the codes directly below a direction node (Table 2's entries), ranked per
  domain × direction by files and references; a direction node without children is itself
  the factor, named after its parent ("Politiek" for ``6 - Politiek\\Belemmerend``).
- ``quotes`` (``quotes > 0``): up to that many fragments per factor, from different
  participants first, each labelled by a pseudonym (``R1``, ``R2`` … in order of first
  appearance), never by a document title or name.
- ``participants``: per code and participant attribute (role, organisation …) the number of
  participants; an attribute is left out altogether (suppressed) when one of its groups has
  fewer than ``min_cell`` participants, since its counts and the code's total would tell what
  that small group said. The participants without a value for the attribute are such a
  group too: the total minus the counts per value is what they said.

The counting is vectorised: every coding is expanded to the code's ancestors once and counted
with ``groupby().nunique()`` (no loop over fragments).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import DataError, Text, quoted_list
from ..notes import Note

if TYPE_CHECKING:
    import pandas as pd

    from ..config.codes import CodesConfig
    from ..io.qda import QdaCode, QdaExport

SEPARATOR = "\\"
QUOTE_LENGTH = 300
NUMBERING = re.compile(r"^\s*\d+(?:[.,]\d+)*\s*[-–.):]\s*")

CODES_COLUMNS = ["code", "parent", "path", "level", "files", "references", "files_total",
                 "references_total", "totals_exact", "files_total_min", "files_total_max",
                 "references_total_min", "references_total_max", "domain", "direction",
                 "description"]
MATRIX_COLUMNS = ["domain", "direction", "n_codes", "files", "references", "files_min",
                  "files_max", "references_min", "references_max", "exact"]
FACTOR_COLUMNS = ["domain", "direction", "rank", "factor", "path", "files", "references",
                  "exact"]
DOMAIN_COLUMNS = ["domain", "files", "references", "files_min", "files_max", "references_min",
                  "references_max", "exact"]
QUOTE_COLUMNS = ["domain", "direction", "factor", "path", "code", "participant", "quote"]


def display_name(name: str) -> str:
    """A code name without a leading number such as ``3 - `` (``3 - Institutionele
    factoren`` → ``Institutionele factoren``)."""
    stripped = NUMBERING.sub("", name)
    return stripped or name


def matches(name: str, patterns: Sequence[str]) -> bool:
    """Shell-style, case-insensitive, on the name with and without its leading number."""
    names = {name.casefold(), display_name(name).casefold()}
    return any(fnmatch.fnmatchcase(n, p.casefold()) for n in names for p in patterns)


@dataclass(frozen=True)
class CodeTree:
    """The checked tree: per code id its path, level, parent and ancestors (itself first)."""

    codes: tuple[QdaCode, ...]
    paths: Mapping[str, str]
    levels: Mapping[str, int]
    ancestors: Mapping[str, tuple[str, ...]]
    children: Mapping[str, tuple[str, ...]]

    def name(self, code_id: str) -> str:
        return self.paths[code_id].rsplit(SEPARATOR, 1)[-1]


def build_tree(codes: Sequence[QdaCode], where: str) -> CodeTree:
    """Check the tree (unique ids, known parents, no cycles, no two codes with one path) and
    compute paths, levels and ancestors. ``where`` names the export in messages."""
    if not codes:
        raise DataError(en=f"{where} holds no codes.", nl=f"{where} bevat geen codes.")
    by_id: dict[str, QdaCode] = {}
    for code in codes:
        if code.id in by_id:
            rows = (by_id[code.id].row, code.row)
            at = f" (rows {rows[0]} and {rows[1]})" if code.row else ""
            bij = f" (rijen {rows[0]} en {rows[1]})" if code.row else ""
            raise DataError(
                en=f"{where}: the code '{code.id}' appears twice{at}; every code needs its "
                   "own place in the tree. Rename or merge one of them.",
                nl=f"{where}: de code '{code.id}' staat er twee keer in{bij}; elke code heeft "
                   "een eigen plaats in de boom nodig. Geef een van beide een andere naam of "
                   "voeg ze samen.")
        by_id[code.id] = code
    unknown = [c for c in codes if c.parent is not None and c.parent not in by_id]
    if unknown:
        first = unknown[0]
        raise DataError(
            en=f"{where}: the parent '{first.parent}' of the code '{first.name}'"
               f"{f' (row {first.row})' if first.row else ''} is not in the tree; list every "
               "parent code too.",
            nl=f"{where}: de bovenliggende code '{first.parent}' van de code '{first.name}'"
               f"{f' (rij {first.row})' if first.row else ''} staat niet in de boom; neem ook "
               "elke bovenliggende code op.")
    ancestors: dict[str, tuple[str, ...]] = {}
    for code in codes:
        chain = [code.id]
        current = code.parent
        while current is not None:
            if current in chain:
                cycle = [by_id[c].name for c in chain[chain.index(current):]]
                loop = ' → '.join([*cycle, cycle[0]])
                raise DataError(
                    en=f"{where}: the code tree has a cycle: {loop}; a code cannot be its "
                       "own ancestor. Fix the parent of one of them.",
                    nl=f"{where}: de codeboom bevat een lus: {loop}; een code kan niet boven "
                       "zichzelf staan. Verbeter de bovenliggende code van een van hen.")
            if current in ancestors:
                chain.extend(ancestors[current])
                break
            chain.append(current)
            current = by_id[current].parent
        ancestors[code.id] = tuple(chain)
    paths = {cid: SEPARATOR.join(by_id[a].name.strip() for a in reversed(chain))
             for cid, chain in ancestors.items()}
    seen: dict[str, str] = {}
    for cid, path in paths.items():
        if path.casefold() in seen:
            first, second = by_id[seen[path.casefold()]], by_id[cid]
            both = bool(first.row and second.row)
            rows = f" (rows {first.row} and {second.row})" if both else ""
            rijen = f" (rijen {first.row} en {second.row})" if both else ""
            raise DataError(
                en=f"{where}: two codes have the same path '{path}'{rows}; rename one of them "
                   "so every code can be told apart.",
                nl=f"{where}: twee codes hebben hetzelfde pad '{path}'{rijen}; geef een van "
                   "beide een andere naam, zodat elke code te onderscheiden is.")
        seen[path.casefold()] = cid
    children: dict[str, list[str]] = {c.id: [] for c in codes}
    for code in codes:
        if code.parent is not None:
            children[code.parent].append(code.id)
    # parents before children, siblings in export order
    ordered: list[QdaCode] = []
    stack = [c.id for c in reversed(codes) if c.parent is None]
    while stack:
        cid = stack.pop()
        ordered.append(by_id[cid])
        stack.extend(reversed(children[cid]))
    return CodeTree(codes=tuple(ordered), paths=paths,
                    levels={cid: len(chain) for cid, chain in ancestors.items()},
                    ancestors=ancestors,
                    children={k: tuple(v) for k, v in children.items()})


# --------------------------------------------------------------------------------------------
# Combining a codebook / summary with a segments table


def attach_segments(codebook: QdaExport, segments: QdaExport) -> QdaExport:
    """The codebook's tree with the segments' codings: a segment's code is found by its path
    (``A\\B\\C``) or, when its path is a single name, by a unique code name. Codes of the
    segments table missing from the codebook are an error, and so are stated counts
    (an NVivo summary's Files / References) that contradict the segments."""
    from dataclasses import replace

    where = str(codebook.path)
    tree = build_tree(codebook.codes, where)
    by_path = {p.casefold(): cid for cid, p in tree.paths.items()}
    by_name: dict[str, list[str]] = {}
    for cid in tree.paths:
        by_name.setdefault(tree.name(cid).casefold(), []).append(cid)
    seg_tree = build_tree(segments.codes, str(segments.path))
    mapping: dict[str, str] = {}
    missing: list[str] = []
    for cid, path in seg_tree.paths.items():
        found = by_path.get(path.casefold())
        if found is None and SEPARATOR not in path:
            names = by_name.get(path.casefold(), [])
            found = names[0] if len(names) == 1 else None
        if found is None:
            if not seg_tree.children[cid]:
                missing.append(path)
            continue
        mapping[cid] = found
    if missing:
        raise DataError(
            en=f"{segments.path}: {len(missing)} code(s) are not in the codebook "
               f"{codebook.path}: {quoted_list(missing, 5)}. Export both from the same "
               "project, or give the codes' full paths (Parent\\Child).",
            nl=f"{segments.path}: {len(missing)} code(s) staan niet in het codeboek "
               f"{codebook.path}: {quoted_list(missing, 5, lang='nl')}. Exporteer beide uit "
               "hetzelfde project, of geef de volledige paden van de codes "
               "(Ouder\\Kind).")
    frame = segments.segments.copy()
    frame["code"] = frame["code"].map(mapping)
    combined = replace(codebook, segments=frame, sources=segments.sources,
                       participants=segments.participants or codebook.participants,
                       attributes=segments.attributes or codebook.attributes)
    stated = [c for c in codebook.codes if c.files is not None or c.references is not None]
    if stated:
        own = _own_counts(frame)
        problems: list[Text] = []
        for code in stated:
            files, references = own.get(code.id, (0, 0))
            if ((code.files is not None and code.files != files)
                    or (code.references is not None and code.references != references)):
                path = tree.paths[code.id]
                problems.append(Text(
                    en=f"'{path}': {code.files} files / {code.references} references stated, "
                       f"{files} / {references} in the segments",
                    nl=f"'{path}': {code.files} bestanden / {code.references} verwijzingen "
                       f"opgegeven, {files} / {references} in de segmenten"))
        if problems:
            shown = [p.en for p in problems[:3]], [p.nl for p in problems[:3]]
            more = len(problems) - 3
            raise DataError(
                en=f"the counts of {codebook.path} contradict the coded segments of "
                   f"{segments.path}: {'; '.join(shown[0])}"
                   f"{f' and {more} more' if more > 0 else ''}. Export both again from the "
                   "same state of the project.",
                nl=f"de aantallen in {codebook.path} zijn in strijd met de gecodeerde "
                   f"segmenten van {segments.path}: {'; '.join(shown[1])}"
                   f"{f' en nog {more}' if more > 0 else ''}. Exporteer beide opnieuw uit "
                   "dezelfde stand van het project.")
    return combined


def _own_counts(segments: pd.DataFrame) -> dict[str, tuple[int, int]]:
    grouped = segments.groupby("code").agg(files=("source", "nunique"),
                                           references=("segment", "nunique"))
    return {k: (int(r.files), int(r.references)) for k, r in grouped.iterrows()}


# --------------------------------------------------------------------------------------------
# The result


@dataclass(frozen=True)
class CodesResult:
    """Tables of :func:`analyse_codes` (module docstring); ``exact`` is False when the totals
    are bounds (a code summary without segments)."""

    codes: pd.DataFrame
    matrix: pd.DataFrame
    factors: pd.DataFrame
    quotes: pd.DataFrame | None
    participants: pd.DataFrame | None
    exact: bool
    n_sources: int | None
    n_participants: int | None
    directions: tuple[str, ...]
    domains: pd.DataFrame | None = None  # per domain: files, references (each once)
    notes: tuple[Note, ...] = ()
    warnings: tuple[Note, ...] = field(default_factory=tuple)

    def tables(self) -> dict[str, pd.DataFrame]:
        tables = {"codes": self.codes, "codes_matrix": self.matrix,
                  "codes_factors": self.factors}
        if self.domains is not None:
            tables["codes_domains"] = self.domains
        if self.quotes is not None:
            tables["codes_quotes"] = self.quotes
        if self.participants is not None:
            tables["codes_participants"] = self.participants
        return tables


def _classify(tree: CodeTree, export: QdaExport, settings: CodesConfig
              ) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Per code id: its domain, its direction and its direction node (the nearest ancestor
    that gives the direction). Sources of a direction, nearest first: the code's own
    Direction attribute, a REFI-QDA set named like a direction, its name."""
    set_direction: dict[str, str] = {}
    set_domain: dict[str, str] = {}
    for name, members in export.sets.items():
        direction = next((d for d, p in settings.directions.items() if matches(name, p)), None)
        domain = next((d for d, p in settings.domains.items()
                       if matches(name, p) or name.casefold() == d.casefold()), None)
        for member in members:
            if direction:
                set_direction[member] = direction
            if domain:
                set_domain[member] = domain
    by_id = {c.id: c for c in tree.codes}
    own_direction: dict[str, str] = {}
    own_domain: dict[str, str] = {}
    for cid, code in by_id.items():
        stated = code.attributes.get("direction")
        if stated:
            key = next((d for d, p in settings.directions.items()
                        if stated.casefold() == d.casefold() or matches(stated, p)), stated)
            own_direction[cid] = key
        elif cid in set_direction:
            own_direction[cid] = set_direction[cid]
        else:
            found = next((d for d, p in settings.directions.items()
                          if matches(code.name, p)), None)
            if found:
                own_direction[cid] = found
        stated_domain = code.attributes.get("domain")
        if stated_domain:
            own_domain[cid] = stated_domain
        elif cid in set_domain:
            own_domain[cid] = set_domain[cid]
        else:
            found = next((d for d, p in settings.domains.items() if matches(code.name, p)),
                         None)
            if found:
                own_domain[cid] = found
    domains, directions, nodes = {}, {}, {}
    for cid, chain in tree.ancestors.items():
        if any(matches(by_id[a].name, settings.exclude) for a in chain):
            continue
        node = next((a for a in chain if a in own_direction), None)
        if node is None:
            continue
        domain = next((own_domain[a] for a in chain if a in own_domain), None)
        if domain is None and not settings.domains:
            domain = by_id[chain[-1]].name  # the top-level branch
        if domain is None:
            continue
        domains[cid], directions[cid], nodes[cid] = domain, own_direction[node], node
    return domains, directions, nodes


def analyse_codes(export: QdaExport, settings: CodesConfig, *, quotes: int = 0,
                  min_cell: int = 5, participants: Mapping[str, str] | None = None,
                  attributes: Mapping[str, Mapping[str, str]] | None = None) -> CodesResult:
    """Counts, totals, matrix, factors, quotes and participant counts of a QDA export.

    ``participants`` (source name → participant) and ``attributes`` (participant →
    attributes) come from the config's participants table or pattern; without them the
    export's own cases (REFI-QDA) are used."""
    import pandas as pd

    where = str(export.path)
    tree = build_tree(export.codes, where)
    ids = [c.id for c in tree.codes]
    by_id = {c.id: c for c in tree.codes}
    domains, directions, nodes = _classify(tree, export, settings)
    direction_order = tuple(settings.directions)
    notes: list[Note] = list(export.notes)

    table = pd.DataFrame({
        "code_id": ids,
        "code": [by_id[c].name for c in ids],
        "parent": [by_id[by_id[c].parent].name if by_id[c].parent else "" for c in ids],
        "path": [tree.paths[c] for c in ids],
        "level": [tree.levels[c] for c in ids],
    })
    ancestors = pd.Series({c: list(tree.ancestors[c]) for c in ids}, name="node")

    participant_of: dict[str, str] = {}
    if export.has_segments:
        segments = export.segments
        unknown = sorted(set(segments["code"].dropna()) - set(ids))
        if unknown or segments["code"].isna().any():
            raise DataError(
                en=f"{where}: {len(unknown) or 'some'} coded fragment(s) refer to a code that "
                   "is not in the code book; export the project again.",
                nl=f"{where}: {len(unknown) or 'enkele'} gecodeerde fragment(en) verwijzen "
                   "naar een code die niet in het codeboek staat; exporteer het project "
                   "opnieuw.")
        long = segments.assign(node=segments["code"].map(ancestors)).explode("node")
        own = segments.groupby("code").agg(files=("source", "nunique"),
                                           references=("segment", "nunique"))
        total = long.groupby("node").agg(files_total=("source", "nunique"),
                                         references_total=("segment", "nunique"))
        table = table.join(own, on="code_id").join(total, on="code_id")
        for column in ("files", "references", "files_total", "references_total"):
            table[column] = table[column].fillna(0).astype(int)
        table["totals_exact"] = True
        for bound in ("min", "max"):
            table[f"files_total_{bound}"] = table["files_total"]
            table[f"references_total_{bound}"] = table["references_total"]
        exact = True
        n_sources = int(segments["source"].nunique()) if len(segments) else 0
        if len(export.sources):
            n_sources = len(export.sources)
        if participants:
            participant_of = {sid: participants[name] for sid, name in export.sources.items()
                              if name in participants}
        elif settings.participant_pattern:
            participant_of = participants_by_pattern(export.sources,
                                                     settings.participant_pattern)
        elif export.participants:
            participant_of = dict(export.participants)
    else:
        exact = False
        n_sources = None
        stated = pd.DataFrame({"code_id": ids,
                               "files": [by_id[c].files for c in ids],
                               "references": [by_id[c].references for c in ids]})
        if stated[["files", "references"]].isna().all().all():
            notes.append(Note("codes_without_counts", f"{where} is a codebook without coded "
                              "segments: the tree is listed without counts. Export the "
                              "project (.qdpx) or its coded segments for counts.",
                              values={"source": where}))
        long = stated.assign(node=stated["code_id"].map(ancestors)).explode("node")
        grouped = long.groupby("node").agg(
            files_total_min=("files", "max"), files_total_max=("files", "sum"),
            references_total_min=("references", "max"),
            references_total_max=("references", "sum"))
        table = table.join(stated.set_index("code_id"), on="code_id").join(grouped,
                                                                           on="code_id")
        has = stated.set_index("code_id").notna().any(axis=1)
        table["totals_exact"] = ((table["files_total_min"] == table["files_total_max"])
                                 & (table["references_total_min"]
                                    == table["references_total_max"])
                                 & table["code_id"].map(has).astype(bool))
        for column in ("files", "references"):
            low, high = table[f"{column}_total_min"], table[f"{column}_total_max"]
            table[f"{column}_total"] = low.where(low == high)
        if not stated[["files", "references"]].isna().all().all():
            notes.append(Note(
                "totals_are_bounds", f"{where} states counts per code only: a fragment coded "
                "at two codes of a branch cannot be seen, so files_total and references_total "
                "are given where they are certain (totals_exact) and as bounds "
                "(files_total_min … _max) elsewhere. Export the project (.qdpx) or its coded "
                "segments for exact totals.", values={"source": where}))
    table["domain"] = [domains.get(c, "") for c in ids]
    table["direction"] = [directions.get(c, "") for c in ids]
    table["description"] = [by_id[c].description or "" for c in ids]

    # factors: the children of a direction node, or a childless direction node itself
    factor_of: dict[str, str] = {}
    factor_label: dict[str, str] = {}
    for cid in ids:
        node = nodes.get(cid)
        if node is None:
            continue
        chain = tree.ancestors[cid]
        if cid == node:
            if not tree.children[cid]:
                factor_of[cid] = cid
                parent = by_id[cid].parent
                factor_label[cid] = display_name(by_id[parent].name) if parent else \
                    display_name(by_id[cid].name)
            continue
        factor = chain[chain.index(node) - 1]
        factor_of[cid] = factor
        factor_label[factor] = display_name(by_id[factor].name)
    matrix, factors, domain_totals = _matrix(table, export, tree, domains, directions,
                                             factor_of, factor_label, direction_order,
                                             settings, exact)

    participants_table = None
    n_participants = None
    quote_table = None
    if export.has_segments:
        if participant_of:
            table, participants_table, n_participants, extra = _participants(
                table, export, ancestors, participant_of,
                attributes if attributes is not None else export.attributes, min_cell)
            notes.extend(extra)
        if quotes > 0:
            quote_table = _quotes(export, tree, table, factor_of, factor_label, domains,
                                  directions, participant_of, quotes)
    elif quotes > 0:
        notes.append(Note("no_quotes", f"{where} holds no coded segments, so there are no "
                          "quotes to pick; export the project (.qdpx) or its coded segments.",
                          values={"source": where}))
    ordered = [c for c in CODES_COLUMNS if c in table.columns]
    extra_columns = [c for c in table.columns if c not in ordered and c != "code_id"]
    codes = table[ordered + extra_columns].reset_index(drop=True)
    for column in ("files_total", "references_total"):
        if not exact:
            codes[column] = codes[column].astype(float)
    return CodesResult(codes=codes, matrix=matrix, factors=factors, quotes=quote_table,
                       participants=participants_table, exact=exact, n_sources=n_sources,
                       n_participants=n_participants, directions=direction_order,
                       domains=domain_totals, notes=tuple(notes))


def _matrix(table: pd.DataFrame, export: QdaExport, tree: CodeTree,
            domains: Mapping[str, str], directions: Mapping[str, str],
            factor_of: Mapping[str, str], factor_label: Mapping[str, str],
            direction_order: Sequence[str], settings: CodesConfig, exact: bool
            ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Domain × direction cells, the ranked factors (module docstring) and per domain the
    files and references over both directions, each counted once."""
    import pandas as pd

    domain_order = list(settings.domains) or list(dict.fromkeys(
        domains[c] for c in table["code_id"] if c in domains))
    cells = pd.MultiIndex.from_product([domain_order, list(direction_order)],
                                       names=["domain", "direction"])
    factor_rows = pd.DataFrame({
        "factor_id": pd.Series(list(dict.fromkeys(factor_of.values())), dtype=object)})
    factor_rows["domain"] = factor_rows["factor_id"].map(domains)
    factor_rows["direction"] = factor_rows["factor_id"].map(directions)
    factor_rows["factor"] = factor_rows["factor_id"].map(factor_label)
    factor_rows["path"] = factor_rows["factor_id"].map(tree.paths)
    stats = table.set_index("code_id")
    if exact:
        segments = export.segments
        factor_ids = set(factor_of.values())
        long = segments.assign(node=segments["code"].map(tree.ancestors)).explode("node")
        per_factor = long[long["node"].isin(factor_ids)].groupby("node").agg(
            files=("source", "nunique"), references=("segment", "nunique"))
        in_cell = segments.assign(domain=segments["code"].map(domains),
                                  direction=segments["code"].map(directions)).dropna(
            subset=["domain", "direction"])
        per_cell = in_cell.groupby(["domain", "direction"]).agg(
            files=("source", "nunique"), references=("segment", "nunique"))
        per_domain = in_cell.groupby("domain").agg(files=("source", "nunique"),
                                                   references=("segment", "nunique"))
        per_domain = per_domain.reindex(domain_order).fillna(0).astype(int)
        for column in ("files", "references"):
            per_domain[f"{column}_min"] = per_domain[column]
            per_domain[f"{column}_max"] = per_domain[column]
        per_domain["exact"] = True
        factor_rows = factor_rows.join(per_factor, on="factor_id")
        for column in ("files", "references"):
            factor_rows[column] = factor_rows[column].fillna(0).astype(int)
        factor_rows["exact"] = True
        matrix = pd.DataFrame(index=cells).join(per_cell)
        for column in ("files", "references"):
            matrix[column] = matrix[column].fillna(0).astype(int)
            matrix[f"{column}_min"] = matrix[column]
            matrix[f"{column}_max"] = matrix[column]
        matrix["exact"] = True
    else:
        factor_rows["files"] = factor_rows["factor_id"].map(stats["files_total"])
        factor_rows["references"] = factor_rows["factor_id"].map(stats["references_total"])
        factor_rows["files_min"] = factor_rows["factor_id"].map(stats["files_total_min"])
        factor_rows["references_min"] = factor_rows["factor_id"].map(
            stats["references_total_min"])
        factor_rows["exact"] = factor_rows["factor_id"].map(stats["totals_exact"]).astype(bool)
        cell_codes = table[table["domain"] != ""]
        grouped = cell_codes.groupby(["domain", "direction"]).agg(
            files_min=("files", "max"), files_max=("files", "sum"),
            references_min=("references", "max"), references_max=("references", "sum"))
        matrix = pd.DataFrame(index=cells).join(grouped)
        per_domain = cell_codes.groupby("domain").agg(
            files_min=("files", "max"), files_max=("files", "sum"),
            references_min=("references", "max"),
            references_max=("references", "sum")).reindex(domain_order).fillna(0)
        for column in ("files", "references"):
            low, high = per_domain[f"{column}_min"], per_domain[f"{column}_max"]
            per_domain[column] = low.where(low == high)
        per_domain["exact"] = per_domain["files"].notna() & per_domain["references"].notna()
        for column in ("files_min", "files_max", "references_min", "references_max"):
            matrix[column] = matrix[column].fillna(0)
        matrix["files"] = matrix["files_min"].where(matrix["files_min"] == matrix["files_max"])
        matrix["references"] = matrix["references_min"].where(
            matrix["references_min"] == matrix["references_max"])
        matrix["exact"] = matrix["files"].notna() & matrix["references"].notna()
    counts = factor_rows.groupby(["domain", "direction"]).size()
    matrix["n_codes"] = [int(counts.get(cell, 0)) for cell in matrix.index]
    matrix = matrix.reset_index()
    matrix = matrix[[c for c in MATRIX_COLUMNS if c in matrix.columns]]
    sort_files = "files" if exact else "files_min"
    sort_refs = "references" if exact else "references_min"
    factor_rows = factor_rows.sort_values(
        ["domain", "direction", sort_files, sort_refs, "path"],
        ascending=[True, True, False, False, True], kind="stable",
        key=lambda s: s.map({d: i for i, d in enumerate(domain_order)}) if s.name == "domain"
        else s.map({d: i for i, d in enumerate(direction_order)}) if s.name == "direction"
        else s)
    factor_rows["rank"] = factor_rows.groupby(["domain", "direction"]).cumcount() + 1
    factors = factor_rows[[c for c in FACTOR_COLUMNS if c in factor_rows.columns]
                          + [c for c in ("files_min", "references_min")
                             if c in factor_rows.columns]].reset_index(drop=True)
    per_domain.index.name = "domain"
    domain_table = per_domain.reset_index()[DOMAIN_COLUMNS]
    return matrix, factors, domain_table


def _participants(table: pd.DataFrame, export: QdaExport, ancestors: pd.Series,
                  participant_of: Mapping[str, str],
                  attributes: Mapping[str, Mapping[str, str]], min_cell: int
                  ) -> tuple[pd.DataFrame, pd.DataFrame | None, int, list[Note]]:
    """``participants`` / ``participants_total`` per code and, per attribute, the
    participants per code and attribute value (suppressed as the module docstring says)."""
    import pandas as pd

    notes: list[Note] = []
    segments = export.segments.assign(participant=export.segments["source"].map(
        participant_of))
    unmapped = segments["participant"].isna()
    if unmapped.any():
        count = int(segments.loc[unmapped, "source"].nunique())
        notes.append(Note("sources_without_participant",
                          f"{count} source(s) belong to no participant; they are left out of "
                          "the participant counts.", values={"sources": count}))
    segments = segments[~unmapped]
    n_participants = len(set(participant_of.values()))
    own = segments.groupby("code")["participant"].nunique().rename("participants")
    long = segments.assign(node=segments["code"].map(ancestors)).explode("node")
    total = long.groupby("node")["participant"].nunique().rename("participants_total")
    table = table.join(own, on="code_id").join(total, on="code_id")
    for column in ("participants", "participants_total"):
        table[column] = table[column].fillna(0).astype(int)
    rows = []
    people = sorted(set(participant_of.values()))
    names = sorted({k for p in people for k in attributes.get(p, {})})
    for attribute in names:
        value_of = {p: attributes.get(p, {}).get(attribute) for p in people}
        sizes = pd.Series(value_of).dropna().value_counts()
        # those without a value are a group too: a code's participants_total minus the
        # counts per value gives what they said (1 participant without a role: theirs)
        unknown = sum(value is None for value in value_of.values())
        small = bool((sizes < min_cell).any()) or 0 < unknown < min_cell
        counted = long.assign(value=long["participant"].map(value_of)).dropna(subset=["value"])
        per = counted.groupby(["node", "value"])["participant"].nunique()
        for cid, path in zip(table["code_id"], table["path"], strict=True):
            for value, size in sizes.items():
                rows.append({"path": path, "attribute": attribute, "value": value,
                             "group_size": int(size),
                             "participants": float("nan") if small else
                             int(per.get((cid, value), 0)),
                             "note": (f"suppressed: a group of {attribute} has fewer than "
                                      f"{min_cell} participants") if small else ""})
        if small:
            notes.append(Note("codes_attribute_suppressed",
                              f"participant counts by {attribute} are not published: one of "
                              f"its groups (those without a value included) has fewer than "
                              f"{min_cell} participants.",
                              subject=attribute, values={"min_cell": min_cell}))
    frame = pd.DataFrame(rows) if rows else None
    if frame is not None:
        frame["value"] = frame["value"].where(~frame["note"].astype(bool), "")
        frame["group_size"] = frame["group_size"].where(~frame["note"].astype(bool))
        frame = frame.drop_duplicates().reset_index(drop=True)
    return table, frame, n_participants, notes


def participants_by_pattern(sources: Mapping[str, str], pattern: str) -> dict[str, str]:
    """Source id → participant: the first group of ``pattern`` (a regular expression) found
    in the source's name, or the whole match; sources whose name does not match are left
    out (and reported as belonging to no participant)."""
    compiled = re.compile(pattern)
    found = {}
    for source, name in sources.items():
        match = compiled.search(name)
        if match:
            found[source] = match.group(1) if compiled.groups else match.group(0)
    return found


def pseudonyms(order: Sequence[str]) -> dict[str, str]:
    """``R1``, ``R2`` … in the given order (first appearance in the export)."""
    return {key: f"R{number}" for number, key in enumerate(dict.fromkeys(order), start=1)}


def _quotes(export: QdaExport, tree: CodeTree, table: pd.DataFrame,
            factor_of: Mapping[str, str], factor_label: Mapping[str, str],
            domains: Mapping[str, str], directions: Mapping[str, str],
            participant_of: Mapping[str, str], per_factor: int) -> pd.DataFrame:
    """Up to ``per_factor`` fragments per factor, different participants first (a
    participant's second fragment only after every participant's first), in export order."""
    import pandas as pd

    segments = export.segments
    person = segments["source"].map(lambda s: participant_of.get(s, f"source:{s}"))
    names = pseudonyms(list(person))
    frame = segments.assign(person=person, factor_id=segments["code"].map(factor_of))
    frame = frame.dropna(subset=["factor_id", "text"])
    frame = frame[frame["text"].astype(str).str.strip() != ""]
    frame = frame.drop_duplicates(["factor_id", "segment"])
    frame["turn"] = frame.groupby(["factor_id", "person"]).cumcount()
    frame["order"] = range(len(frame))
    frame = frame.sort_values(["factor_id", "turn", "order"], kind="stable")
    frame = frame.groupby("factor_id", sort=False).head(per_factor)
    text = frame["text"].astype(str).str.split().str.join(" ")
    long = text.str.len() > QUOTE_LENGTH
    text = text.where(~long, text.str.slice(0, QUOTE_LENGTH - 1).str.rstrip() + "…")
    quotes = pd.DataFrame({
        "domain": frame["factor_id"].map(domains).to_numpy(),
        "direction": frame["factor_id"].map(directions).to_numpy(),
        "factor": frame["factor_id"].map(factor_label).to_numpy(),
        "path": frame["factor_id"].map(tree.paths).to_numpy(),
        "code": frame["code"].map(tree.paths).to_numpy(),
        "participant": frame["person"].map(names).to_numpy(),
        "quote": text.to_numpy(),
    })
    order = {p: i for i, p in enumerate(table["path"])}
    quotes = quotes.sort_values("path", key=lambda s: s.map(order), kind="stable")
    return quotes[QUOTE_COLUMNS].reset_index(drop=True)
