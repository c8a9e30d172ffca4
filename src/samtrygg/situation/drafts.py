"""Swedish drafts of a lägesbild's sections, written from the computed picture.

A new report starts with every section drafted from its figures (the analyst edits them),
one section can be drafted again after a recompute, and the demo's reports are written by
the same functions. Every number in the text comes from the picture it is written from;
where the figures say nothing (too few incidents, no significant change, a comparison
withheld for want of data) the text says so instead of guessing. The drafts are document
text in the municipality's language (Swedish), whatever the writer's interface language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils.translation import override

from samtrygg.core.numbers import number, rounded
from samtrygg.picture.types import AreaRow, CategoryRow, Comparison, Picture
from samtrygg.situation.models import SectionKind

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
QUARTERS = ("första", "andra", "tredje", "fjärde")
WEEKDAYS = ("måndagar", "tisdagar", "onsdagar", "torsdagar", "fredagar", "lördagar", "söndagar")


def spoken_period(kind: str, start: dt.date, end: dt.date) -> str:
    """The period as it is said in a sentence: "år 2025", "fjärde kvartalet 2026"."""
    if kind == "year":
        return f"år {start.year}"
    if kind == "quarter":
        return f"{QUARTERS[(start.month - 1) // 3]} kvartalet {start.year}"
    if kind == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if kind == "week":
        iso = start.isocalendar()
        return f"vecka {iso.week} {iso.year}"
    return f"perioden {start.isoformat()}–{end.isoformat()}"


def _n(value: Any, digits: int = 0) -> str:
    with override(settings.LANGUAGE_CODE):
        return number(value, digits)


def change_words(value: Any) -> str:
    # judged on the printed value: "en minskning med 0,0 %" would be a −0 in words
    shown = rounded(value, 1) if value is not None else 0
    if shown > 0:
        return f"en ökning med {_n(shown, 1)} %"
    if shown < 0:
        return f"en minskning med {_n(-shown, 1)} %"
    return "oförändrat"


def _days(n: int | None) -> str:
    return f"{_n(n)} dag" if n == 1 else f"{_n(n)} dagar"


def _change_sentence(label: str, c: Comparison, data_start: str | None = None) -> str:
    if c.withheld:
        # a change against a period the data hardly cover is an artefact: no figure
        ref = c.reference_covered_days or 0
        if ref * c.days < (c.covered_days or 0) * c.reference_days:
            start = f" (underlaget börjar {data_start})" if data_start else ""
            return (
                f"Med {label} går det inte att jämföra: underlaget täcker bara {_days(ref)} av "
                f"den periodens {_n(c.reference_days)}{start}."
            )
        return (
            f"Med {label} jämförs inte: bara {_days(c.covered_days)} av periodens "
            f"{_n(c.days)} är täckta än."
        )
    basis = ""
    if c.partial:
        basis = (
            f", räknat per dag på de dagar underlaget täcker ({_n(c.covered_days)} av "
            f"{_n(c.days)} och {_n(c.reference_covered_days)} av {_n(c.reference_days)})"
        )
    change = change_words(c.change_pct)
    text = f"Jämfört med {label} ({_n(c.reference)} händelser{basis}) är det {change}"
    if c.few:
        return text + ", men antalen är för små för att dra slutsatser."
    if c.significant:
        return text + f", en statistiskt säker förändring ({_p(c.p_value)})."
    return text + f", en förändring som ryms inom slumpens variation ({_p(c.p_value)})."


def _p(value: Any) -> str:
    """``p < 0,001`` or ``p = 0,023``."""
    if value is None:
        return "p saknas"
    return "p < 0,001" if value < 0.001 else f"p = {_n(value, 3)}"


def _list(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " och " + items[-1]


def _start(f: Picture) -> str | None:
    start = f.coverage.data_start
    return start.isoformat() if start else None


def _area_rate(a: AreaRow) -> str:
    text = f"{a.name} ({_n(a.rate_per_1000, 1)} per 1 000 invånare"
    if a.population is not None and a.population < 1500:
        text += ", få invånare"
    return text + ")"


def _top_categories(f: Picture, k: int = 3) -> list[CategoryRow]:
    return sorted((c for c in f.by_category if c.count), key=lambda c: -c.count)[:k]


def _top_areas(f: Picture, k: int = 3) -> list[AreaRow]:
    rated = [a for a in f.by_area if a.rate_per_1000 is not None and a.count]
    return sorted(rated, key=lambda a: -(a.rate_per_1000 or 0.0))[:k]


def _peak(f: Picture) -> tuple[str, int] | None:
    table = f.weekday_hour.table
    best = max(((n, d, h) for d, row in enumerate(table) for h, n in enumerate(row)), default=None)
    if not best or best[0] == 0:
        return None
    return WEEKDAYS[best[1]], best[2]


def _not_the_same(a: Comparison, b: Comparison) -> bool:
    return a != b  # for a year, the previous period is the year before


def summary(f: Picture, period: str) -> str:
    t = f.totals
    cats = _top_categories(f)
    areas = _top_areas(f)
    through = "" if f.complete else f" (till och med {f.data_through.isoformat()})"
    parts = [
        f"Under {period}{through} registrerades {_n(t.incidents)} händelser i "
        f"{settings.SAMTRYGG_MUNICIPALITY}, varav {_n(t.mappable)} med exakt plats eller "
        f"adress. {_change_sentence('samma period året innan', t.year_before, _start(f))}"
    ]
    if cats:
        parts.append(
            "De vanligaste kategorierna var "
            + _list([f"{c.name.lower()} ({_n(c.count)})" for c in cats])
            + "."
        )
    if areas:
        parts.append(
            "Flest händelser i förhållande till antalet invånare hade "
            + _list([_area_rate(a) for a in areas])
            + "."
        )
    hot = f.hotspots.n_hot
    if hot:
        parts.append(
            f"Analysen pekar ut {_n(hot)} signifikanta hot spots (rutor om 250 meter) där "
            "händelserna klustrar sig mer än slumpen kan förklara."
        )
    return " ".join(parts)


def survey(f: Picture, period: str) -> str:
    t = f.totals
    paragraphs = [
        f"Kartläggningen omfattar {_n(t.incidents)} händelser under {period}. "
        + _change_sentence("föregående period", t.previous, _start(f))
    ]
    if _not_the_same(t.previous, t.year_before):
        paragraphs[0] += " " + _change_sentence("samma period året innan", t.year_before, _start(f))
    lines = []
    for c in _top_categories(f, 6):
        change = (
            ""
            if c.year_before.withheld
            else f" ({change_words(c.year_before.change_pct)} jämfört med året innan)"
        )
        lines.append(f"{c.name}: {_n(c.count)} händelser{change}.")
    if lines:
        paragraphs.append("Händelser per kategori: " + " ".join(lines))
    paragraphs.append(
        f"Konsekvenser: vägt efter kategoriernas skadevikter blir summan {_n(t.harm, 1)}. "
        "Vikterna är kommunens egna, illustrativa inställningar; det finns inget officiellt "
        "svenskt skadeindex, så summan används för att jämföra perioder, inte som ett absolut "
        "mått."
    )
    peak = _peak(f)
    if peak:
        table = f.weekday_hour.table
        total = sum(map(sum, table)) or 1
        night = sum(row[h] for row in table for h in (*range(18, 24), *range(6)))
        weekend = sum(table[4][18:]) + sum(map(sum, table[5:7]))
        paragraphs.append(
            f"Flest händelser inträffar {peak[0]} kring klockan {peak[1]:02d}. "
            f"{_n(night / total * 100, 0)} % av händelserna med känd tidpunkt sker mellan "
            f"klockan 18 och 06, och {_n(weekend / total * 100, 0)} % från fredag kväll till "
            "och med söndag."
        )
    return "\n\n".join(paragraphs)


def other(f: Picture) -> str:
    c = f.coverage
    orgs = [f"{o.name} ({_n(o.count)})" for o in c.organisations[:6]]
    text = ["Underlaget kommer från " + (_list(orgs) or "inga rapporterande organisationer") + "."]
    if c.police_notices:
        share = (c.police_notice_share or 0.0) * 100
        text.append(
            f"{_n(c.police_notices)} händelser ({_n(share, 1)} %) "
            "är notiser från polisens öppna händelseflöde. De är notiser, inte brottsstatistik: "
            "de visar vad polisen valt att berätta om och har bara kommunen som plats."
        )
    else:
        text.append("Inga notiser från polisens öppna händelseflöde ingår i perioden.")
    text.append(
        "Polisens trygghetsmätning och Brås nationella trygghetsundersökning (NTU) bör läggas "
        "till när nästa mätning finns; de fångar otrygghet som aldrig blir en rapport."
    )
    return "\n\n".join(text)


def analysis(f: Picture) -> str:
    paragraphs = []

    def biggest(sign: int) -> list[CategoryRow]:
        moved = [
            c
            for c in f.by_category
            if c.year_before.significant
            and not c.year_before.withheld
            and sign * (c.year_before.change_pct or 0) > 0
        ]
        return sorted(moved, key=lambda c: -abs(c.year_before.change_pct or 0))[:4]

    up, down = biggest(1), biggest(-1)
    if up:
        paragraphs.append(
            "De största statistiskt säkra ökningarna jämfört med året innan gäller "
            + _list([f"{c.name.lower()} ({change_words(c.year_before.change_pct)})" for c in up])
            + "."
        )
    if down:
        paragraphs.append(
            "De största statistiskt säkra minskningarna gäller "
            + _list([f"{c.name.lower()} ({change_words(c.year_before.change_pct)})" for c in down])
            + "."
        )
    if f.totals.year_before.withheld:
        paragraphs.append(
            "Underlaget täcker inte jämförelseperioden året innan tillräckligt, så förändringar "
            "per kategori bedöms inte här."
        )
    elif not up and not down:
        paragraphs.append(
            "Ingen kategori förändrades mer än slumpen kan förklara jämfört med året innan."
        )
    flagged = f.control_chart.flagged
    if flagged:
        paragraphs.append(
            f"Kontrolldiagrammet flaggar {_n(len(flagged))} veckor med ovanligt många händelser "
            f"({_list(flagged[:5])}{' med flera' if len(flagged) > 5 else ''})."
        )
    hot_areas = [r.name for r in f.area_gi.rows if r.label == "hot"]
    if hot_areas:
        paragraphs.append(
            "Områdesanalysen (Gi*), som väger in grannområdena, visar signifikant högt tryck i "
            "och kring " + _list(hot_areas[:4]) + "."
        )
    knox = f.near_repeat.knox
    if knox:
        ratio = knox.ratio[0][0]
        p = knox.p_value[0][0]
        if ratio is not None and p is not None and p < 0.05:
            paragraphs.append(
                f"Bostadsinbrotten följer ett mönster av upprepad utsatthet: inom 100 meter och "
                f"7 dagar från ett inbrott sker {_n(ratio, 1)} gånger fler nya inbrott än "
                f"slumpen ger ({_p(p)}). Det talar för att informera grannar direkt efter "
                "ett inbrott."
            )
        else:
            paragraphs.append(
                "Knox-testet visar inget säkert mönster av upprepade inbrott nära i tid och rum."
            )
    return "\n\n".join(paragraphs)


#: The three perspectives of Brå's cause analysis, as the lines a problem's analysis has.
PERSPECTIVES = (
    ("situation", "Situation och plats:"),
    ("victim", "Brottsoffer:"),
    ("offender", "Gärningsperson:"),
)


def _problem(number: int, title: str, situation: str) -> str:
    """One prioritised problem with its cause analysis: the situation drafted from the
    figures, the victim and offender perspectives left for the analyst."""
    return "\n".join(
        [
            f"{number}. {title}",
            f"{PERSPECTIVES[0][1]} {situation}",
            f"{PERSPECTIVES[1][1]} ",
            f"{PERSPECTIVES[2][1]} ",
        ]
    )


def _hot_cells_of(f: Picture, area: str) -> str:
    cells = [c for c in f.hotspots.gi_cells if c.area == area]
    if not cells:
        return ""
    places = sorted({c.where.place for c in cells if c.where.place})
    near = f", bland annat vid {_list(places[:3])}" if places else ""
    return f" {_n(len(cells))} av periodens signifikanta hot spot-rutor ligger i området{near}."


def problems(f: Picture) -> str:
    items: list[str] = []
    areas = _top_areas(f, 1)
    if areas:
        a = areas[0]
        items.append(
            _problem(
                len(items) + 1,
                f"Högt tryck i {_area_rate(a)}.",
                f"{_hot_cells_of(f, a.name).strip()} Att pröva: platsernas utformning, "
                "belysning och vuxennärvaro, tillsammans med fastighetsägarna.".strip(),
            )
        )
    cats = _top_categories(f, 1)
    orgs = f.coverage.organisations
    if cats:
        c = cats[0]
        share = ""
        if orgs and f.coverage.total:
            top = orgs[0].count / f.coverage.total * 100
            share = (
                f"Den största rapportören står för {_n(top, 0)} % av rapporterna, så både "
                "verklig förekomst och rapporteringsvilja påverkar siffran."
            )
        peak = _peak(f)
        when = f" Flest händelser sker {peak[0]} kring klockan {peak[1]:02d}." if peak else ""
        items.append(
            _problem(
                len(items) + 1,
                f"{c.name} är den vanligaste kategorin ({_n(c.count)} händelser).",
                (share + when).strip(),
            )
        )
    alerts = f.near_repeat.alerts
    if alerts:
        places = _list(sorted({a.area for a in alerts if a.area})[:3])
        items.append(
            _problem(
                len(items) + 1,
                f"Upprepade inbrott: {_n(len(alerts))} platser har aktuella varningar"
                f"{(' i bland annat ' + places) if places else ''}.",
                "Gärningspersoner återvänder ofta till platser där de lyckats; snabb "
                "information till grannarna kan bryta mönstret.",
            )
        )
    if not items:
        return "Underlaget räcker inte för att peka ut prioriterade problem denna period."
    return "\n\n".join(items)


def sources(f: Picture) -> str:
    c = f.coverage
    systems = {
        "form": "rapportformuläret",
        "import": "importerade underlag",
        "police_feed": "polisens öppna händelseflöde",
        "api": "API",
    }
    src = [f"{systems.get(s.system, s.system)} ({_n(s.count)})" for s in c.sources]
    weeks = c.weeks_without_reports
    text = [
        "Källor: " + (_list(src) or "inga") + ".",
        "Källkritik: rapporterna beskriver vad som upptäckts och rapporterats, inte all "
        "brottslighet. Organisationer rapporterar olika mycket, och polisens notiser har bara "
        "kommunen som plats och ingår därför inte i kartorna.",
    ]
    if f.scope.police_data and "restricted" in f.scope.classifications:
        text[-1] += (
            " Händelser som bara polisen får läsa ingår i siffrorna, inte som enskilda rader."
        )
    else:
        text[-1] += " Händelser som bara polisen får läsa ingår inte i denna version."
    if c.data_start:
        text.append(f"Underlaget börjar {c.data_start.isoformat()}.")
    for s in c.on_record:
        if s.gaps:
            gaps = _list([f"{g.start.isoformat()}–{g.end.isoformat()}" for g in s.gaps[:3]])
            text.append(
                f"{s.name} rapporterade ingenting {gaps}; jämförelser räknas bara på dagar "
                "då alla källor rapporterade."
            )
    if weeks:
        text.append(
            f"{_n(len(weeks))} av {_n(c.weeks_total)} veckor saknar rapporter, vilket kan "
            "bero på uppehåll i rapporteringen snarare än på att inget hände."
        )
    return "\n\n".join(text)


WRITERS = {
    SectionKind.SUMMARY.value: lambda f, period: summary(f, period),
    SectionKind.SURVEY.value: lambda f, period: survey(f, period),
    SectionKind.OTHER.value: lambda f, period: other(f),
    SectionKind.ANALYSIS.value: lambda f, period: analysis(f),
    SectionKind.PROBLEMS.value: lambda f, period: problems(f),
    SectionKind.SOURCES.value: lambda f, period: sources(f),
}


def draft_section(kind: str, f: Picture, period: str) -> str:
    """The draft of one section (``SectionKind`` value)."""
    with override(settings.LANGUAGE_CODE):
        return WRITERS[kind](f, period)


def sections_from_figures(f: Picture, period: str) -> dict[str, str]:
    """Drafts of every section."""
    return {kind: draft_section(kind, f, period) for kind in WRITERS}
