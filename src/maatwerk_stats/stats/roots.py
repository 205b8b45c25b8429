"""Brent's root finder, as ``scipy.optimize.brentq`` (without importing ``scipy.optimize``).

A line-by-line port of scipy's ``Zeros/brentq.c`` (Brent 1973, *Algorithms for Minimization
Without Derivatives*, ch. 4; Charles Harris's C implementation in scipy): inverse quadratic
interpolation or secant steps, falling back to bisection, with the same tolerance
``xtol + rtol·|x|`` and the same step rules, so it returns the same root as ``brentq`` for the
same arguments. ``scipy.optimize`` costs about 0.4 s to import; one root costs microseconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable


def brent_root(f: Callable[[float], float], a: float, b: float, *, xtol: float = 2e-12,
               rtol: float = 4 * 2.220446049250313e-16, maxiter: int = 100) -> float:
    """A root of ``f`` in ``[a, b]``; ``f(a)`` and ``f(b)`` must differ in sign."""
    xpre, xcur = float(a), float(b)
    xblk = fblk = spre = scur = 0.0
    fpre, fcur = f(xpre), f(xcur)
    if fpre * fcur > 0:
        raise ValueError("f(a) and f(b) must have different signs")
    if fpre == 0:
        return xpre
    if fcur == 0:
        return xcur
    for _ in range(maxiter):
        if fpre != 0 and fcur != 0 and (math.copysign(1, fpre) != math.copysign(1, fcur)):
            xblk, fblk = xpre, fpre
            spre = scur = xcur - xpre
        if abs(fblk) < abs(fcur):
            xpre, xcur, xblk = xcur, xblk, xcur
            fpre, fcur, fblk = fcur, fblk, fcur
        delta = (xtol + rtol * abs(xcur)) / 2
        sbis = (xblk - xcur) / 2
        if fcur == 0 or abs(sbis) < delta:
            return xcur
        if abs(spre) > delta and abs(fcur) < abs(fpre):
            if xpre == xblk:  # interpolate
                stry = -fcur * (xcur - xpre) / (fcur - fpre)
            else:  # extrapolate
                dpre = (fpre - fcur) / (xpre - xcur)
                dblk = (fblk - fcur) / (xblk - xcur)
                stry = -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre))
            if 2 * abs(stry) < min(abs(spre), 3 * abs(sbis) - delta):  # good short step
                spre, scur = scur, stry
            else:  # bisect
                spre = scur = sbis
        else:  # bisect
            spre = scur = sbis
        xpre, fpre = xcur, fcur
        xcur += scur if abs(scur) > delta else (delta if sbis > 0 else -delta)
        fcur = f(xcur)
    raise ArithmeticError(f"Brent's method did not converge in {maxiter} iterations")
