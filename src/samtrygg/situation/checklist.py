"""What a lägesbild must hold before review: the three parts of SFS 2023:196 § 4 (a survey
of crime and its consequences, other relevant information, an analysis) and Brå's steps (the
prioritised problems, each with a cause analysis from the situational, the victim's and the
offender's perspective), read from the sections' text.

A prioritised problem is a numbered paragraph of the problems section ("1. …"); its cause
analysis is the three lines the drafts write under it ("Situation och plats: …",
"Brottsoffer: …", "Gärningsperson: …"), each of which must say something.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samtrygg.situation.drafts import PERSPECTIVES
from samtrygg.situation.models import REQUIRED_SECTIONS, SectionKind

_PROBLEM = re.compile(r"^\s*(\d+)\.\s+\S", re.M)


@dataclass(frozen=True)
class CheckItem:
    code: str
    label: str
    done: bool
    #: What is missing, in a phrase that fits a list ("" when done).
    missing: str = ""


def _written(bodies: dict[str, str], kind: SectionKind) -> bool:
    return bool((bodies.get(kind.value) or "").strip())


def problem_gaps(text: str) -> tuple[int, dict[str, list[str]]]:
    """The number of prioritised problems in ``text`` and, per perspective code, the
    numbers of the problems whose line for it is missing or empty."""
    starts = list(_PROBLEM.finditer(text))
    gaps: dict[str, list[str]] = {code: [] for code, _label in PERSPECTIVES}
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        block = text[match.start() : end]
        for code, label in PERSPECTIVES:
            line = next((ln for ln in block.splitlines() if ln.strip().startswith(label)), None)
            if line is None or not line.strip()[len(label) :].strip():
                gaps[code].append(match.group(1))
    return len(starts), gaps


def report_checklist(bodies: dict[str, str]) -> list[CheckItem]:
    """The checklist for a report whose sections say ``bodies`` (kind → text)."""
    items = []
    for code, kind, label in (
        (
            "law_survey",
            SectionKind.SURVEY,
            _("§ 4, first part: a survey of crime and its consequences"),
        ),
        ("law_other", SectionKind.OTHER, _("§ 4, second part: other relevant information")),
        ("law_analysis", SectionKind.ANALYSIS, _("§ 4, third part: an analysis")),
        ("sources", SectionKind.SOURCES, _("The sources and their limits")),
    ):
        done = _written(bodies, kind)
        items.append(
            CheckItem(
                code,
                label,
                done,
                "" if done else _("“%(section)s” is empty") % {"section": kind.label},
            )
        )
    count, gaps = problem_gaps(bodies.get(SectionKind.PROBLEMS.value) or "")
    items.append(
        CheckItem(
            "bra_problems",
            _("Brå: the prioritised problems, numbered (1., 2., …)"),
            count > 0,
            "" if count else _("no prioritised problem is named"),
        )
    )
    names = {
        "situation": _("the situational perspective"),
        "victim": _("the victim's perspective"),
        "offender": _("the offender's perspective"),
    }
    for code, _label in PERSPECTIVES:
        missing = gaps[code]
        items.append(
            CheckItem(
                f"bra_{code}",
                _("Brå: a cause analysis of every problem from %(perspective)s")
                % {"perspective": names[code]},
                count > 0 and not missing,
                ""
                if not missing  # no problem at all is the item above
                else ngettext(
                    "%(perspective)s is missing for problem %(numbers)s",
                    "%(perspective)s is missing for problems %(numbers)s",
                    len(missing),
                )
                % {"perspective": names[code], "numbers": ", ".join(missing)},
            )
        )
    return items


def missing_before_review(bodies: dict[str, str]) -> list[str]:
    """Everything that keeps the report from review, one phrase each (empty when ready):
    the required sections that are empty, then the checklist's open items."""
    phrases = [
        _("“%(section)s” is empty") % {"section": kind.label}
        for kind in REQUIRED_SECTIONS
        if not _written(bodies, kind)
    ]
    problems_empty = not _written(bodies, SectionKind.PROBLEMS)
    for item in report_checklist(bodies):
        if item.done or not item.missing or item.missing in phrases:
            continue
        if item.code == "bra_problems" and problems_empty:
            continue  # said already: the section is empty
        phrases.append(item.missing)
    return phrases
