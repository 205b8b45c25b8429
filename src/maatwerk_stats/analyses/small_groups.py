"""Complementary suppression of groups (DESIGN.md §5 "Small groups"), one rule for teams and
sites.

When the groups below ``min_cell`` are not published but a pooled figure over everyone is
(the overall mean in ``descriptives.csv`` or ``reliability.csv``, the ``all`` rows of a
comparison), the pooled figure minus the published groups gives back the hidden ones
together: their sum, and with the counts (which are published) their mean; with SDs also
their spread. That is harmless when the hidden people are at least ``min_cell`` together,
and a leak when they are fewer. The rule: if the people hidden (in suppressed groups, plus
those in no group at all) are 1 to ``min_cell − 1``, the smallest published group is hidden
too. Its own people (``min_cell`` or more) then join the hidden total, so one more group
always suffices. This is the secondary ("complementary") cell suppression of tabular
disclosure control (Hundepool et al. 2012, *Statistical Disclosure Control*, Wiley), in its
simplest form: one margin (the pooled figure), so one secondary cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def complementary(sizes: np.ndarray, published: np.ndarray, outside: int, min_cell: int
                  ) -> np.ndarray:
    """The mask of groups to publish after complementary suppression.

    ``sizes``: people per group; ``published``: the groups at or above ``min_cell``;
    ``outside``: people in the pooled figure that belong to no group. When the people not
    in a published group number 1 to ``min_cell − 1``, the smallest published group (the
    first of equals) is withdrawn too."""
    import numpy as np

    published = np.asarray(published, bool).copy()
    sizes = np.asarray(sizes)
    hidden = int(sizes[~published].sum()) + int(outside)
    if 0 < hidden < min_cell and published.any():
        candidates = np.flatnonzero(published)
        published[candidates[np.argmin(sizes[candidates])]] = False
    return published
