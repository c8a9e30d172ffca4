"""Swedish section texts for the demo lägesbild, written from the computed figures.

Every number in the text comes from the figures it is written from; where the figures say
nothing (too few incidents, no significant change) the text says so instead of guessing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import override

from samtrygg.situation.models import SectionKind

WEEKDAYS = ("måndagar", "tisdagar", "onsdagar", "torsdagar", "fredagar", "lördagar", "söndagar")


def _n(value: Any, digits: int = 0) -> str:
    if value is None:
        return "–"
    with override("sv"):
        return number_format(value, digits, force_grouping=True)


def _pct(value: Any) -> str:
    if value is None:
        return "oförändrat"
    if value > 0:
        return f"en ökning med {_n(value, 1)} %"
    if value < 0:
        return f"en minskning med {_n(-value, 1)} %"
    return "oförändrat"


def _change_sentence(label: str, c: dict[str, Any], data_start: str | None = None) -> str:
    if c.get("partial"):
        # a change against a partly covered period is an artefact: say so, give no figure
        start = f" först {data_start}" if data_start else " senare"
        return (
            f"Med {label} går det inte att jämföra: underlaget börjar{start}, så den perioden "
            f"är bara delvis täckt ({_n(c['reference'])} händelser)."
        )
    text = f"Jämfört med {label} ({_n(c['reference'])} händelser) är det {_pct(c['change_pct'])}"
    if c.get("few"):
        return text + ", men antalen är för små för att dra slutsatser."
    if c.get("significant"):
        return text + f", en statistiskt säker förändring ({_p(c['p_value'])})."
    return text + f", en förändring som ryms inom slumpens variation ({_p(c['p_value'])})."


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


def _start(f: dict[str, Any]) -> str | None:
    start = (f.get("coverage") or {}).get("data_start")
    return str(start) if start else None


def _area_rate(a: dict[str, Any]) -> str:
    text = f"{a['name']} ({_n(a['rate_per_1000'], 1)} per 1 000 invånare"
    if a.get("population") is not None and a["population"] < 1500:
        text += ", få invånare"
    return text + ")"


def _top_categories(f: dict[str, Any], k: int = 3) -> list[dict[str, Any]]:
    return sorted((c for c in f["by_category"] if c["count"]), key=lambda c: -c["count"])[:k]


def _top_areas(f: dict[str, Any], k: int = 3) -> list[dict[str, Any]]:
    rated = [a for a in f["by_area"] if a.get("rate_per_1000") is not None and a["count"]]
    return sorted(rated, key=lambda a: -a["rate_per_1000"])[:k]


def _peak(f: dict[str, Any]) -> tuple[str, int] | None:
    table = f["weekday_hour"]["table"]
    best = max(((n, d, h) for d, row in enumerate(table) for h, n in enumerate(row)), default=None)
    if not best or best[0] == 0:
        return None
    return WEEKDAYS[best[1]], best[2]


def summary(f: dict[str, Any], period: str) -> str:
    t = f["totals"]
    cats = _top_categories(f)
    areas = _top_areas(f)
    parts = [
        f"Under {period} registrerades {_n(t['incidents'])} händelser i "
        f"{settings.SAMTRYGG_MUNICIPALITY}, varav {_n(t['mappable'])} med exakt plats eller "
        f"adress. {_change_sentence('samma period året innan', t['year_before'], _start(f))}"
    ]
    if cats:
        parts.append(
            "De vanligaste kategorierna var "
            + _list([f"{c['name'].lower()} ({_n(c['count'])})" for c in cats])
            + "."
        )
    if areas:
        parts.append(
            "Flest händelser i förhållande till antalet invånare hade "
            + _list([_area_rate(a) for a in areas])
            + "."
        )
    hot = f["hotspots"]["n_hot"]
    if hot:
        parts.append(
            f"Analysen pekar ut {_n(hot)} signifikanta hot spots (rutor om 250 meter) där "
            "händelserna klustrar sig mer än slumpen kan förklara."
        )
    return " ".join(parts)


def survey(f: dict[str, Any], period: str) -> str:
    t = f["totals"]
    paragraphs = [
        f"Kartläggningen omfattar {_n(t['incidents'])} händelser under {period}. "
        + _change_sentence("föregående period", t["previous"], _start(f))
    ]
    if t["previous"] != t["year_before"]:  # for a year, the previous period is the year before
        paragraphs[0] += " " + _change_sentence(
            "samma period året innan", t["year_before"], _start(f)
        )
    lines = []
    for c in _top_categories(f, 6):
        change = (
            ""
            if c["year_before"].get("partial")
            else f" ({_pct(c['year_before']['change_pct'])} jämfört med året innan)"
        )
        lines.append(f"{c['name']}: {_n(c['count'])} händelser{change}.")
    if lines:
        paragraphs.append("Händelser per kategori: " + " ".join(lines))
    paragraphs.append(
        f"Vägt efter kategoriernas skadevikter blir summan {_n(t['harm'], 1)}. Vikterna är "
        "kommunens egna, illustrativa inställningar; det finns inget officiellt svenskt "
        "skadeindex, så summan används för att jämföra perioder, inte som ett absolut mått."
    )
    peak = _peak(f)
    if peak:
        table = f["weekday_hour"]["table"]
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


def other(f: dict[str, Any]) -> str:
    c = f["coverage"]
    orgs = [f"{o['name']} ({_n(o['count'])})" for o in c["organisations"][:6]]
    text = ["Underlaget kommer från " + (_list(orgs) or "inga rapporterande organisationer") + "."]
    if c["police_notices"]:
        text.append(
            f"{_n(c['police_notices'])} händelser ({_n(c['police_notice_share'] * 100, 1)} %) "
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


def analysis(f: dict[str, Any]) -> str:
    paragraphs = []

    def biggest(sign: int) -> list[dict[str, Any]]:
        moved = [
            c
            for c in f["by_category"]
            if c["year_before"]["significant"]
            and not c["year_before"].get("partial")
            and sign * (c["year_before"]["change_pct"] or 0) > 0
        ]
        return sorted(moved, key=lambda c: -abs(c["year_before"]["change_pct"] or 0))[:4]

    up, down = biggest(1), biggest(-1)
    if up:
        paragraphs.append(
            "De största statistiskt säkra ökningarna jämfört med året innan gäller "
            + _list([f"{c['name'].lower()} ({_pct(c['year_before']['change_pct'])})" for c in up])
            + "."
        )
    if down:
        paragraphs.append(
            "De största statistiskt säkra minskningarna gäller "
            + _list([f"{c['name'].lower()} ({_pct(c['year_before']['change_pct'])})" for c in down])
            + "."
        )
    if f["totals"]["year_before"].get("partial"):
        paragraphs.append(
            "Underlaget täcker inte hela jämförelseperioden året innan, så förändringar per "
            "kategori bedöms inte här."
        )
    elif not up and not down:
        paragraphs.append(
            "Ingen kategori förändrades mer än slumpen kan förklara jämfört med året innan."
        )
    flagged = f["control_chart"]["flagged"]
    if flagged:
        paragraphs.append(
            f"Kontrolldiagrammet flaggar {_n(len(flagged))} veckor med ovanligt många händelser "
            f"({_list(flagged[:5])}{' med flera' if len(flagged) > 5 else ''})."
        )
    gi = f["area_gi"]["rows"]
    hot_areas = [r["name"] for r in gi if r["label"] == "hot"]
    if hot_areas:
        paragraphs.append(
            "Områdesanalysen (Gi*), som väger in grannområdena, visar signifikant högt tryck i "
            "och kring " + _list(hot_areas[:4]) + "."
        )
    knox = f["near_repeat"]["knox"]
    if knox:
        ratio = knox["ratio"][0][0]
        p = knox["p_value"][0][0]
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


def problems(f: dict[str, Any]) -> str:
    items = []
    areas = _top_areas(f, 1)
    if areas:
        a = areas[0]
        cells = sum(1 for c in f["hotspots"]["gi_cells"] if c.get("area") == a["name"])
        hot = (
            f" {_n(cells)} av periodens signifikanta hot spot-rutor ligger i området."
            if cells
            else ""
        )
        items.append(
            f"1. Högt tryck i {_area_rate(a)}.{hot} Att pröva i orsaksanalysen: platsernas "
            "utformning, belysning och vuxennärvaro, tillsammans med fastighetsägarna."
        )
    cats = _top_categories(f, 1)
    orgs = f["coverage"]["organisations"]
    if cats:
        c = cats[0]
        share = ""
        if orgs and f["coverage"]["total"]:
            top = orgs[0]["count"] / f["coverage"]["total"] * 100
            share = (
                f" Den största rapportören står för {_n(top, 0)} % av rapporterna, så både "
                "verklig förekomst och rapporteringsvilja påverkar siffran."
            )
        items.append(
            f"{len(items) + 1}. {c['name']} är den vanligaste kategorin ({_n(c['count'])} "
            f"händelser).{share}"
        )
    alerts = f["near_repeat"]["alerts"]
    if alerts:
        places = _list(sorted({a["area"] for a in alerts if a["area"]})[:3])
        items.append(
            f"{len(items) + 1}. Upprepade inbrott: {_n(len(alerts))} platser har aktuella "
            f"varningar{(' i bland annat ' + places) if places else ''}. Gärningspersoner "
            "återvänder ofta till platser där de lyckats; snabb information till grannarna "
            "kan bryta mönstret."
        )
    if not items:
        items.append("Underlaget räcker inte för att peka ut prioriterade problem denna period.")
    return "\n\n".join(items)


def sources(f: dict[str, Any]) -> str:
    c = f["coverage"]
    systems = {
        "form": "rapportformuläret",
        "import": "importerade underlag",
        "police_feed": "polisens öppna händelseflöde",
        "api": "API",
    }
    src = [f"{systems.get(s['system'], s['system'])} ({_n(s['count'])})" for s in c["sources"]]
    weeks = c["weeks_without_reports"]
    text = [
        "Källor: " + (_list(src) or "inga") + ".",
        "Källkritik: rapporterna beskriver vad som upptäckts och rapporterats, inte all "
        "brottslighet. Organisationer rapporterar olika mycket, och polisens notiser har bara "
        "kommunen som plats och ingår därför inte i kartorna. Händelser som bara polisen får "
        "läsa ingår inte i denna version.",
    ]
    if weeks:
        text.append(
            f"{_n(len(weeks))} av {_n(c['weeks_total'])} veckor saknar rapporter, vilket kan "
            "bero på uppehåll i rapporteringen snarare än på att inget hände."
        )
    return "\n\n".join(text)


def sections_from_figures(f: dict[str, Any], period: str) -> dict[str, str]:
    return {
        SectionKind.SUMMARY.value: summary(f, period),
        SectionKind.SURVEY.value: survey(f, period),
        SectionKind.OTHER.value: other(f),
        SectionKind.ANALYSIS.value: analysis(f),
        SectionKind.PROBLEMS.value: problems(f),
        SectionKind.SOURCES.value: sources(f),
    }
