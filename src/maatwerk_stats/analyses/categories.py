"""How many categories a categorical predictor, covariate or moderator may have.

Each category but the reference is a dummy column of a design matrix (and a coefficient):
an id or a free-text column taken for a category made one column per respondent. With
25,000 respondents that is a 25,000 × 25,000 matrix (5 GB) built before any check, then a
model with 25,000 coefficients (issue 10, class 4: it ran minutes and out of memory). More
than :data:`MAX_CATEGORIES` is refused before a dummy is made, with a message that says what
the column probably is.
"""

from __future__ import annotations

from ..errors import DataError, Text

# at most: a municipality (gemeente) of a regional study, a team, an organisation fit; more is
# an id, a number or a text answer taken for a category (and VIFs over p terms cost p fits)
MAX_CATEGORIES = 100


def check_categories(name: str, n_categories: int, where: str | Text, what: Text) -> None:
    """Refuse ``name`` (``what``: "the categorical predictor" / "de categorische
    voorspeller", "the covariate", …) when it has more than :data:`MAX_CATEGORIES`
    categories; ``where`` (a path, "" or a :class:`Text`) goes in front of the message."""
    if n_categories <= MAX_CATEGORIES:
        return
    place = where if isinstance(where, Text) else Text(where, where)
    raise DataError(
        en=f"{place.en}{what.en} {name} has {n_categories} different values, taken as "
        f"categories: at most {MAX_CATEGORIES} fit in a model (each is a coefficient). Is it "
        "an id, a number or a text answer? Leave it out, or, for a number, do not declare it "
        "categorical.",
        nl=f"{place.nl}{what.nl} {name} heeft {n_categories} verschillende waarden, genomen "
        f"als categorieën: er passen er hoogstens {MAX_CATEGORIES} in een model (elk is een "
        "coëfficiënt). Is het een id, een getal of een tekstantwoord? Laat de kolom weg, of "
        "geef een getal niet op als categorisch.")
