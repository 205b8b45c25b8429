"""The figure palette, and the two checks it is held to: WCAG contrast and colour-vision
deficiencies.

Colours (every series colour has at least 3:1 contrast against the white figure background,
WCAG 2.1 success criterion 1.4.11 "non-text contrast"; ``tests/test_palette.py``):

- ``GROUP_COLORS``: two measurements (before, after) as a mid and a dark blue of the
  factsheet's house blue ``#1b4f8a``; the pair differs in lightness (CIELAB L* 61 vs 33), so
  it stays apart in grey print and for every colour-vision deficiency.
- ``SERIES_COLORS``: more than two groups or sites: the two blues, then vermillion and bluish
  green of Okabe & Ito (2008, "Color Universal Design", https://jfly.uni-koeln.de/color/) and
  the neutral dark grey; the other Okabe–Ito hues (orange, sky blue, yellow: 1.3–2.3:1
  against white; reddish purple: within ΔE 11 of the light blue for protanopes) are left out.
- ``SLOPE_COLORS``: three ordered values (low, mean, high) as light, mid and dark blue.
- ``LIKERT_COLORS``: five answer categories, a diverging red–grey–blue scale after
  ColorBrewer RdBu (Brewer, https://colorbrewer2.org), darkened until the lightest step has
  3:1 against white; the percentages printed on a segment are black or white, whichever
  contrasts more (:func:`text_color_on`, at least 4.5:1, criterion 1.4.3).

Checks (pure functions, numpy only):

- :func:`contrast_ratio`: WCAG 2.1 relative luminance and contrast ratio
  (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio), as R ``colorspace::contrast_ratio``;
- :func:`simulate_cvd`: protanopia, deuteranopia and tritanopia (severity 1) by the matrices
  of Machado, Oliveira & Fernandes (2009, IEEE TVCG 15(6), 1291–1298) applied to linear RGB,
  as ``colorspace::protan/deutan/tritan`` (``linear = TRUE``);
- :func:`delta_e`: CIE 1976 ΔE*ab in CIELAB (D65), as ``colorspace``'s ``LAB`` coordinates.

``tests/reference/palette_colorspace.R`` computes all three with R colorspace for reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

NEUTRAL = "#4d4d4d"
GROUP_COLORS = ("#6996c3", "#1b4f8a")
SERIES_COLORS = (*GROUP_COLORS, "#d55e00", "#009e73", NEUTRAL)
SLOPE_COLORS = ("#6996c3", "#34679f", "#0f2f55")
LIKERT_COLORS = ("#a50026", "#d7482f", "#858585", "#3f83bd", "#1a4c8c")
BACKGROUND = "#ffffff"
TEXT_DARK, TEXT_LIGHT = "#000000", "#ffffff"

# Machado et al. (2009), severity 1.0, for linear RGB
CVD_MATRICES = {
    "protan": ((0.152286, 1.052583, -0.204868),
               (0.114503, 0.786281, 0.099216),
               (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968),
               (0.280085, 0.672501, 0.047413),
               (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779),
               (-0.078411, 0.930809, 0.147602),
               (0.004733, 0.691367, 0.303900)),
}
# sRGB (D65) to XYZ, and the D65 white point
_XYZ = ((0.4124564, 0.3575761, 0.1804375),
        (0.2126729, 0.7151522, 0.0721750),
        (0.0193339, 0.1191920, 0.9503041))
_WHITE = (0.95047, 1.0, 1.08883)


def _srgb(color: str) -> np.ndarray:
    import numpy as np

    text = color.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"expected a colour as #rrggbb, got {color!r}")
    return np.array([int(text[i:i + 2], 16) / 255 for i in (0, 2, 4)])


def linear_rgb(color: str) -> np.ndarray:
    """The sRGB colour ``#rrggbb`` as linear RGB in [0, 1] (IEC 61966-2-1 transfer curve)."""
    import numpy as np

    c = _srgb(color)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _to_hex(linear: np.ndarray) -> str:
    import numpy as np

    c = np.clip(linear, 0, 1)
    return _hex(np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055))


def _hex(srgb: np.ndarray) -> str:
    """``#rrggbb`` of sRGB values in [0, 1]."""
    return "#" + "".join(f"{round(float(v) * 255):02x}" for v in srgb)


def likert_colors(k: int) -> list[str]:
    """``k`` answer categories on the diverging scale: ``LIKERT_COLORS`` itself for five,
    else evenly spaced along it (interpolated in sRGB between neighbouring steps)."""
    import numpy as np

    if k == len(LIKERT_COLORS):
        return list(LIKERT_COLORS)
    steps = np.array([_srgb(c) for c in LIKERT_COLORS])
    where = np.linspace(0, len(LIKERT_COLORS) - 1, k) if k > 1 else np.array([2.0])
    rgb = np.column_stack([np.interp(where, np.arange(len(steps)), steps[:, i])
                           for i in range(3)])
    return [_hex(row) for row in rgb]


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance: 0.2126 R + 0.7152 G + 0.0722 B of linear RGB."""
    return float(linear_rgb(color) @ (0.2126, 0.7152, 0.0722))


def contrast_ratio(color: str, background: str = BACKGROUND) -> float:
    """WCAG 2.1 contrast ratio (L_lighter + 0.05) / (L_darker + 0.05), from 1 to 21."""
    low, high = sorted((relative_luminance(color), relative_luminance(background)))
    return (high + 0.05) / (low + 0.05)


def text_color_on(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill`` (for labels on a bar)."""
    return max((TEXT_DARK, TEXT_LIGHT), key=lambda text: contrast_ratio(text, fill))


def simulate_cvd(color: str, kind: str) -> str:
    """``color`` as seen with ``kind`` = protan, deutan or tritan (dichromacy, severity 1):
    the Machado et al. (2009) matrix on linear RGB, clipped to the sRGB gamut."""
    import numpy as np

    return _to_hex(np.array(CVD_MATRICES[kind]) @ linear_rgb(color))


def cielab(color: str) -> np.ndarray:
    """CIELAB L*, a*, b* (D65 white) of the sRGB colour."""
    import numpy as np

    t = (np.array(_XYZ) @ linear_rgb(color)) / np.array(_WHITE)
    eps = (6 / 29) ** 3
    f = np.where(t > eps, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(first: str, second: str) -> float:
    """CIE 1976 colour difference ΔE*ab: the Euclidean distance in CIELAB."""
    import numpy as np

    return float(np.linalg.norm(cielab(first) - cielab(second)))


def min_delta_e(colors: Sequence[str], kind: str | None = None) -> float:
    """The smallest ΔE*ab between any two of ``colors``, as seen with colour vision ``kind``
    (None: normal vision)."""
    seen = [c if kind is None else simulate_cvd(c, kind) for c in colors]
    return min(delta_e(a, b) for i, a in enumerate(seen) for b in seen[i + 1:])
