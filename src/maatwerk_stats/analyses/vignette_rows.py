"""The analysed ratings of a vignette study as integer codes, counted once per run.

The fits, the fit and marginal-mean tables, the design checks and the guard for degenerate
groups all need the same counts per group (ratings, respondents, ratings per level, distinct
rating values). At 900,000 ratings, taking ``frame[frame[GROUP] == group]`` (a copy of every
column) and letting pandas count each part again costs more than the model fits; here every
count comes from the categorical codes with :func:`numpy.bincount`, and a group's rows are
selected from the few columns a check needs. The counts are integers, so they are exactly
those of the pandas calls they replace (``nunique``, ``value_counts``, ``groupby.size``).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..names import ALL
from ..prepare.ratings import GROUP, RATING, RESPONDENT

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..config import FactorConfig


def respondent_codes(values: pd.Series) -> np.ndarray:
    """``pd.factorize(values, sort=False)[0]``: codes 0..G−1 in order of first appearance.

    For a categorical whose respondents each occupy one block of consecutive rows (as
    ``prepare_vignette_data`` sorts them) the codes are the running count of changes of the
    category code: the same numbers, without hashing 900,000 values."""
    import numpy as np
    import pandas as pd

    if isinstance(values.dtype, pd.CategoricalDtype) and len(values):
        codes = values.cat.codes.to_numpy()
        if not (codes < 0).any():
            change = np.empty(len(codes), dtype=bool)
            change[0] = True
            np.not_equal(codes[1:], codes[:-1], out=change[1:])
            dense = np.cumsum(change) - 1
            if int(dense[-1]) + 1 == int(np.count_nonzero(
                    np.bincount(codes, minlength=len(values.cat.categories)))):
                return dense  # every respondent in one block
    return pd.factorize(values, sort=False)[0]


def is_level(values: pd.Series, level: str) -> np.ndarray:
    """``(values == level)`` as booleans; for a categorical from its integer codes (one
    integer comparison per rating instead of one text comparison)."""
    import numpy as np
    import pandas as pd

    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = values.cat.categories
        if level not in categories:
            return np.zeros(len(values), dtype=bool)
        return values.cat.codes.to_numpy() == categories.get_loc(level)
    return np.asarray(values.to_numpy() == level, dtype=bool)


class RatedRows:
    """Counts of the analysed ratings ``frame`` (one row per rating, no missing rating) per
    group: ``ALL`` or one of ``groups``."""

    def __init__(self, frame: pd.DataFrame, groups: tuple[str, ...] | None) -> None:
        self.frame = frame
        self.groups = groups
        self._masks: dict[str, np.ndarray | None] = {}
        self._per_respondent: dict[str, np.ndarray] = {}
        self._level_counts: dict[str, np.ndarray] = {}

    @cached_property
    def respondent(self) -> np.ndarray:
        """Respondent codes 0..G−1 (first appearance), as the fits cluster them."""
        return respondent_codes(self.frame[RESPONDENT])

    @cached_property
    def n_respondents_all(self) -> int:
        return int(self.respondent.max()) + 1 if len(self.respondent) else 0

    @cached_property
    def _group_codes(self) -> np.ndarray:
        """Index into ``groups`` per rating (−1: not one of them)."""
        import numpy as np
        import pandas as pd

        values = self.frame[GROUP]
        assert self.groups is not None
        if isinstance(values.dtype, pd.CategoricalDtype):
            position = {g: i for i, g in enumerate(self.groups)}
            lookup = np.array([position.get(c, -1) for c in values.cat.categories] + [-1])
            return lookup[values.cat.codes.to_numpy()]  # code −1 (missing) → the last entry
        return np.select([is_level(values, g) for g in self.groups], range(len(self.groups)),
                         -1)

    def mask(self, group: str) -> np.ndarray | None:
        """The rows of ``group`` (None for ``ALL``: every row)."""
        if group == ALL or self.groups is None:
            return None
        if group not in self._masks:
            self._masks[group] = self._group_codes == self.groups.index(group)
        return self._masks[group]

    def take(self, column: str, group: str) -> pd.Series:
        """Column ``column`` of ``group``'s rows (a categorical stays categorical)."""
        import pandas as pd

        values = self.frame[column]
        mask = self.mask(group)
        if mask is None:
            return values.reset_index(drop=True)
        return pd.Series(values.array[mask], name=column)

    def n_ratings(self, group: str) -> int:
        mask = self.mask(group)
        return len(self.frame) if mask is None else int(mask.sum())

    def ratings_per_respondent(self, group: str) -> np.ndarray:
        """Ratings of each respondent who has any in ``group`` (``groupby.size``)."""
        import numpy as np

        if group not in self._per_respondent:
            mask = self.mask(group)
            codes = self.respondent if mask is None else self.respondent[mask]
            counts = np.bincount(codes, minlength=self.n_respondents_all)
            self._per_respondent[group] = counts[counts > 0]
        return self._per_respondent[group]

    def n_respondents(self, group: str) -> int:
        return len(self.ratings_per_respondent(group))

    def level_counts(self, factor: FactorConfig, group: str) -> dict[str, int]:
        """Ratings at each level of ``factor`` in ``group`` (``value_counts``)."""
        import numpy as np
        import pandas as pd

        values = self.frame[factor.name]
        if not isinstance(values.dtype, pd.CategoricalDtype):
            mask = self.mask(group)
            part = values if mask is None else values[mask]
            return {level: int(n) for level, n in part.value_counts().items()}
        width = len(values.cat.categories)
        if factor.name not in self._level_counts:  # one bincount: every group × level
            codes = values.cat.codes.to_numpy().astype(np.int64)
            groups = (np.zeros(len(codes), dtype=np.int64) if self.groups is None
                      else self._group_codes + 1)  # 0: not one of the groups
            known = codes >= 0
            n_groups = 1 + len(self.groups or ())
            self._level_counts[factor.name] = np.bincount(
                groups[known] * width + codes[known], minlength=n_groups * width
            ).reshape(n_groups, width)
        table = self._level_counts[factor.name]
        counts = (table.sum(axis=0) if group == ALL or self.groups is None
                  else table[1 + self.groups.index(group)])
        return {level: int(n) for level, n in zip(values.cat.categories, counts, strict=True)}

    def n_distinct_ratings(self, group: str) -> int:
        """Distinct rating values in ``group`` (``nunique``)."""
        import numpy as np

        mask = self.mask(group)
        codes = self._rating_codes if mask is None else self._rating_codes[mask]
        codes = codes[codes >= 0]
        return int(np.count_nonzero(np.bincount(codes))) if len(codes) else 0

    @cached_property
    def _rating_codes(self) -> np.ndarray:
        import pandas as pd

        return pd.factorize(self.frame[RATING].to_numpy())[0]
