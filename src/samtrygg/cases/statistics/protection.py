"""Small-count protection of figures linked by sums (pure: numpy and scipy).

The public picture's ``samtrygg.public.suppression`` protects one two-way table with its
totals. The case figures are several tables about the same cases — quarters, age bands,
outcomes, years, the stock of open cases — tied together by sums: a year is the sum of its
quarters, a programme's opened cases are the sum over age bands, the cases open at a
quarter's end are those open at the one before plus the opened minus the closed. Publishing
each table protected on its own would let a reader subtract one from another. So they are
protected together, by the same rules:

1. **Primary.** Every figure from 1 to ``threshold − 1`` is suppressed.
2. **Complementary.** Every relation is an equation ``Σ cᵢ·xᵢ = 0`` over the figures. For
   every suppressed figure we compute by linear programming (HiGHS) the smallest and the
   largest value it can take given what is published, the equations and ``x ≥ 0``; while
   one is pinned (its bounds meet), one more figure of one of its equations is suppressed
   (the smallest positive one, detail before totals).
3. **Hidden** figures are unknowns the reader never sees (cases outside the published
   window, say): they are never published, but a small hidden figure is protected like a
   published one, so no subtraction reveals it either.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.linalg import null_space
from scipy.optimize import linprog

Key = Hashable
#: Below this a null-space row or an LP lift counts as zero.
EPSILON = 1e-9


@dataclass
class Figure:
    value: int
    hidden: bool = False
    level: int = 0  # 0 detail, 1 subtotal, 2 total: detail is suppressed first


@dataclass
class LinkedFigures:
    figures: dict[Key, Figure] = field(default_factory=dict)
    equations: list[list[tuple[Key, int]]] = field(default_factory=list)

    def add(self, key: Key, value: int, *, hidden: bool = False, level: int = 0) -> Key:
        if key in self.figures:
            raise ValueError(f"figure {key!r} added twice")
        if value < 0 or int(value) != value:
            raise ValueError(f"figure {key!r}: counts are whole numbers ≥ 0, got {value}")
        self.figures[key] = Figure(int(value), hidden, level)
        return key

    def relate(self, total: Key, parts: Iterable[Key], minus: Iterable[Key] = ()) -> None:
        """``total = Σ parts − Σ minus``; checked against the values."""
        parts, minus = list(parts), list(minus)
        equation = [(total, -1), *((p, 1) for p in parts), *((m, -1) for m in minus)]
        if sum(self.figures[k].value * c for k, c in equation) != 0:
            raise ValueError(f"the figures do not add up for {total!r}")
        self.equations.append(equation)

    def protect(self, threshold: int) -> dict[Key, int | None]:
        """The published value of every figure that is not hidden (``None``: suppressed)."""
        keys = list(self.figures)
        suppressed = {k: f.hidden or 1 <= f.value < threshold for k, f in self.figures.items()}
        must_hold = {k for k, f in self.figures.items() if 1 <= f.value < threshold}
        must_hold |= {k for k, f in self.figures.items() if not f.hidden and suppressed[k]}
        equations_of: dict[Key, list[list[tuple[Key, int]]]] = {k: [] for k in keys}
        for eq in self.equations:
            for k, _c in eq:
                equations_of[k].append(eq)
        for _round in range(len(keys) + 1):
            self._close_single_unknowns(suppressed, must_hold)
            pinned = self._pinned(suppressed, must_hold)
            if not pinned:
                break
            # One more figure for every pinned one in this round (each LP round is the
            # expensive part); a figure already helped by this round's picks waits.
            touched: set[Key] = set()
            for target in pinned:
                members = [k for eq in equations_of[target] for k, _c in eq]
                if touched & set(members):
                    continue
                pick = self._choose(suppressed, members) or self._choose(
                    suppressed,
                    [
                        k
                        for eq in self.equations
                        if any(suppressed[m] for m, _c in eq)
                        for k, _c in eq
                    ],
                )
                if pick is None:  # pragma: no cover - everything already suppressed
                    continue
                suppressed[pick] = True
                must_hold.add(pick)
                touched.add(pick)
            if not touched:  # pragma: no cover
                break
        return {
            k: None if suppressed[k] else f.value for k, f in self.figures.items() if not f.hidden
        }

    def _choose(self, suppressed: dict[Key, bool], members: list[Key]) -> Key | None:
        open_members = [m for m in dict.fromkeys(members) if not suppressed[m]]
        if not open_members:
            return None
        return min(
            open_members,
            key=lambda m: (
                self.figures[m].value == 0,
                self.figures[m].value,
                self.figures[m].level,
                str(m),
            ),
        )

    def _close_single_unknowns(self, suppressed: dict[Key, bool], must_hold: set[Key]) -> None:
        """An equation with one unknown gives it away: suppress a second member."""
        changed = True
        while changed:
            changed = False
            for eq in self.equations:
                unknown = [k for k, _c in eq if suppressed[k]]
                if len(unknown) == 1 and unknown[0] in must_hold:
                    pick = self._choose(suppressed, [k for k, _c in eq])
                    if pick is not None:
                        suppressed[pick] = True
                        must_hold.add(pick)
                        changed = True

    def _pinned(self, suppressed: dict[Key, bool], must_hold: set[Key]) -> list[Key]:
        """Figures that must stay protected but whose value the published ones determine.

        Around the true values ``x*`` the reader's possible values are ``x* + d`` with
        ``A d = 0`` and ``d_j ≥ 0`` where ``x*_j = 0``. One LP finds which of those zero
        figures can move at all (the others are fixed at 0); the figures that can move are
        then those with a non-zero row in the null space of ``A`` plus the fixed ones, one
        SVD for all of them instead of two LPs per figure.
        """
        unknowns = [k for k in self.figures if suppressed[k]]
        if not unknowns:
            return []
        index = {k: i for i, k in enumerate(unknowns)}
        rows = []
        for eq in self.equations:
            coeffs = np.zeros(len(unknowns))
            for k, c in eq:
                if k in index:
                    coeffs[index[k]] += c
            if coeffs.any():
                rows.append(coeffs)
        if not rows:
            return []
        a = np.array(rows)
        zeros = [index[k] for k in unknowns if self.figures[k].value == 0]
        fixed = self._fixed_zeros(a, zeros)
        if fixed:
            pins = np.zeros((len(fixed), len(unknowns)))
            for r, j in enumerate(fixed):
                pins[r, j] = 1.0
            a = np.vstack([a, pins])
        basis = null_space(a)
        movable = (
            np.linalg.norm(basis, axis=1) > EPSILON if basis.size else np.zeros(len(unknowns), bool)
        )
        return [
            k
            for k in unknowns
            if k in must_hold and self.figures[k].value > 0 and not movable[index[k]]
        ]

    @staticmethod
    def _fixed_zeros(a: np.ndarray, zeros: list[int]) -> list[int]:
        """The zero figures that no possible change can raise (they stay 0)."""
        if not zeros:
            return []
        n, z = a.shape[1], len(zeros)
        # Variables: the change d (n, within ±1) and a lift t (z, within 0..1) with
        # t_j ≤ d_j for each zero figure j; maximise the total lift.
        objective = np.concatenate([np.zeros(n), -np.ones(z)])
        a_eq = np.hstack([a, np.zeros((a.shape[0], z))])
        a_ub = np.zeros((z, n + z))
        for r, j in enumerate(zeros):
            a_ub[r, j] = -1.0
            a_ub[r, n + r] = 1.0
        result = linprog(
            objective,
            A_ub=a_ub,
            b_ub=np.zeros(z),
            A_eq=a_eq,
            b_eq=np.zeros(a.shape[0]),
            bounds=[(-1, 1)] * n + [(0, 1)] * z,
            method="highs",
        )
        if result.status != 0:  # pragma: no cover - d = 0 is always feasible
            return list(zeros)
        lifts = result.x[n:]
        return [j for r, j in enumerate(zeros) if lifts[r] < EPSILON * 100]
