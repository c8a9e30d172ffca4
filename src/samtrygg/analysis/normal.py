"""The standard normal distribution function, with numpy alone.

:func:`ndtr` is Cephes' ``ndtr`` (S. L. Moshier, as scipy ships it in ``scipy.special.ndtr``,
which ``scipy.stats.norm.cdf``/``sf`` call) rewritten on arrays: the same rational
approximations with the same coefficients, evaluated with the same float64 operations in the
same order, and the exponential taken by the C library's ``exp`` (``math.exp``), as Cephes
does. Its results are therefore bit for bit scipy's (the tests compare every value over the
whole range, including the tails where the result underflows to 0), without importing
``scipy.special``, which alone takes longer to import than a command-line Gi* run takes to
compute. See docs/analysis.md, "Normal tail probabilities".
"""

from __future__ import annotations

import math
import sys

import numpy as np

from samtrygg.analysis.types import ArrayLike, FloatArray

_SQRT1_2 = 7.07106781186547524401e-1
#: log(DBL_MAX): beyond it exp(-x * x) underflows, and erfc(x) is 0.
_MAXLOG = 7.09782712893383996843e2
#: erfc's first fit (P/Q) holds below this, the second (R/S) from it on.
_ERFC_SPLIT = 8.0

# erfc(x) = exp(-x * x) * P(x) / Q(x) on [1, 8) and exp(-x * x) * R(x) / S(x) on [8, inf);
# erf(x) = x * T(x * x) / U(x * x) on [0, 1]. Q, S and U have a leading coefficient 1.
_P = (
    2.46196981473530512524e-10,
    5.64189564831068821977e-1,
    7.46321056442269912687e0,
    4.86371970985681366614e1,
    1.96520832956077098242e2,
    5.26445194995477358631e2,
    9.34528527171957607540e2,
    1.02755188689515710272e3,
    5.57535335369399327526e2,
)
_Q = (
    1.32281951154744992508e1,
    8.67072140885989742329e1,
    3.54937778887819891062e2,
    9.75708501743205489753e2,
    1.82390916687909736289e3,
    2.24633760818710981792e3,
    1.65666309194161350182e3,
    5.57535340817727675546e2,
)
_R = (
    5.64189583547755073984e-1,
    1.27536670759978104416e0,
    5.01905042251180477414e0,
    6.16021097993053585195e0,
    7.40974269950448939160e0,
    2.97886665372100240670e0,
)
_S = (
    2.26052863220117276590e0,
    9.39603524938001434673e0,
    1.20489539808096656605e1,
    1.70814450747565897222e1,
    9.60896809063285878198e0,
    3.36907645100081516050e0,
)
_T = (
    9.60497373987051638749e0,
    9.00260197203842689217e1,
    2.23200534594684319226e3,
    7.00332514112805075473e3,
    5.55923013010394962768e4,
)
_U = (
    3.35617141647503099647e1,
    5.21357949780152679795e2,
    4.59432382970980127987e3,
    2.26290000613890934246e4,
    4.92673942608635921086e4,
)


def _polevl(x: FloatArray, coef: tuple[float, ...]) -> FloatArray:
    """Horner's rule from the highest power, as Cephes' ``polevl``."""
    ans = np.full_like(x, coef[0])
    for c in coef[1:]:
        ans = ans * x + c
    return ans


def _p1evl(x: FloatArray, coef: tuple[float, ...]) -> FloatArray:
    """``_polevl`` with an implied leading coefficient 1 (Cephes' ``p1evl``)."""
    ans = x + coef[0]
    for c in coef[1:]:
        ans = ans * x + c
    return ans


def _c_exp(values: FloatArray) -> FloatArray:
    """exp by the C library, as Cephes calls it: numpy's vectorised exp may differ by an ulp."""
    return np.fromiter(map(math.exp, values.tolist()), dtype=np.float64, count=values.size)


def _erfc_at_least_one(z: FloatArray) -> FloatArray:
    """erfc(z) for z >= 1 (no NaN); 0 past the underflow limit, as in Cephes."""
    minus_sq = -z * z
    under = minus_sq < -_MAXLOG
    e = _c_exp(np.where(under, 0.0, minus_sq))
    p, q = _polevl(z, _P), _p1evl(z, _Q)
    far = np.flatnonzero(z >= _ERFC_SPLIT)
    if far.size:  # rare: |a| >= 8 sqrt(2) ~ 11.3
        p[far], q[far] = _polevl(z[far], _R), _p1evl(z[far], _S)
    return np.where(under, 0.0, (e * p) / q)


def ndtr(a: ArrayLike) -> FloatArray:
    """P(Z <= a) for a standard normal Z, elementwise; NaN stays NaN.

    Where ``scipy.special`` is loaded already (the web application, the methods that use
    scipy) its compiled ``ndtr`` answers: the same bits (tested), about four times faster on
    large grids than :func:`ndtr_numpy`, which a command-line run uses so as not to import it.
    """
    special = sys.modules.get("scipy.special")
    if special is not None:
        return np.asarray(special.ndtr(np.asarray(a, dtype=np.float64)), dtype=np.float64)
    return ndtr_numpy(a)


def ndtr_numpy(a: ArrayLike) -> FloatArray:
    """:func:`ndtr` with numpy alone: Cephes' ``ndtr`` on arrays (see the module)."""
    arr = np.asarray(a, dtype=np.float64)
    x = arr.ravel() * _SQRT1_2
    z = np.abs(x)
    out = np.full(x.shape, np.nan)
    # Past the underflow limit the square and the polynomials overflow (those values are 0
    # in the end, as in Cephes); nothing here may warn.
    with np.errstate(over="ignore", invalid="ignore"):
        small = np.flatnonzero(z < 1.0)
        xs = x[small]
        sq = xs * xs
        # 0.5 + 0.5 * erf(x), erf(x) = x * T(x²) / U(x²) (odd, as Cephes' -erf(-x))
        out[small] = 0.5 + 0.5 * (xs * _polevl(sq, _T) / _p1evl(sq, _U))
        large = np.flatnonzero(z >= 1.0)  # NaN is in neither and stays NaN
        half = 0.5 * _erfc_at_least_one(z[large])
        out[large] = np.where(x[large] > 0, 1.0 - half, half)
    return out.reshape(arr.shape)


def norm_sf(a: ArrayLike) -> FloatArray:
    """P(Z >= a), as ``scipy.stats.norm.sf`` computes it (``ndtr(-a)``)."""
    return ndtr(-np.asarray(a, dtype=np.float64))
