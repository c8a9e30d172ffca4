"""The default incident taxonomy and the police events feed's types.

The categories follow the place-related incident reporting of EST (Effektiv samordning för
trygghet): damage and graffiti, fire, littering, disorder and groups creating insecurity,
threats and violence, theft and burglary, drug-related, and unsafe places (lighting, sight
lines, deserted). Burglary is split so that near-repeat analysis can select the
burglary-like categories (``near_repeat``).

Harm weights are illustrative defaults only — there is no official Swedish harm index.
They are loosely ordered like sentencing-based indices (a robbery weighs more than a
graffiti tag) and are meant to be set locally by the coordinator.

Police feed types: ``incident`` types become incidents in a category (with the precision
of a municipality centroid, never a point); ``summary`` types (evening and night
summaries) are kept as raw items only; ``ignore`` types are not about the safety of a
place — traffic accidents and traffic offences, missing persons, work accidents, animals,
rescue operations, fraud — and are likewise kept as raw items only. A type that is not
listed arrives as ``unmapped`` and waits for a coordinator's decision.

This module is read by the data migration; changing it does not change a database.
"""

from __future__ import annotations

from typing import Any

# (code, name_sv, name_en, group, colour, harm_weight, near_repeat, order)
CATEGORIES: list[tuple[str, str, str, str, str, float, bool, int]] = [
    ("skadegorelse", "Skadegörelse", "Vandalism and damage", "damage", "#8c564b", 3.0, False, 10),
    ("klotter", "Klotter", "Graffiti", "damage", "#c49c94", 1.0, False, 20),
    ("brand", "Brand och anlagd brand", "Fire and arson", "fire", "#d62728", 15.0, False, 30),
    ("nedskrapning", "Nedskräpning", "Littering", "littering", "#bcbd22", 0.5, False, 40),
    (
        "ordningsstorning",
        "Ordningsstörning",
        "Public disorder",
        "disorder",
        "#ff7f0e",
        3.0,
        False,
        50,
    ),
    (
        "otrygga-grupperingar",
        "Grupperingar som skapar otrygghet",
        "Groups creating insecurity",
        "disorder",
        "#ffbb78",
        3.0,
        False,
        60,
    ),
    ("hot", "Hot", "Threats", "violence", "#e377c2", 15.0, False, 70),
    ("vald", "Våld och misshandel", "Violence and assault", "violence", "#9467bd", 40.0, False, 80),
    ("ran", "Rån", "Robbery", "violence", "#7b4173", 60.0, False, 90),
    (
        "dodligt-vald",
        "Dödligt våld och försök",
        "Lethal violence and attempts",
        "violence",
        "#3b0f3b",
        365.0,
        False,
        100,
    ),
    (
        "skjutning-sprangning",
        "Skottlossning och sprängning",
        "Shooting and explosion",
        "violence",
        "#000000",
        200.0,
        False,
        110,
    ),
    (
        "inbrott-bostad",
        "Bostadsinbrott",
        "Residential burglary",
        "theft",
        "#1f77b4",
        20.0,
        True,
        120,
    ),
    (
        "inbrott-forrad",
        "Inbrott i förråd och källare",
        "Burglary of storage rooms and basements",
        "theft",
        "#6baed6",
        8.0,
        True,
        130,
    ),
    (
        "inbrott-lokal",
        "Inbrott i lokal eller verksamhet",
        "Burglary of premises",
        "theft",
        "#9ecae1",
        8.0,
        True,
        140,
    ),
    ("stold", "Stöld", "Theft", "theft", "#17becf", 5.0, False, 150),
    (
        "fordon",
        "Stöld av och ur fordon",
        "Theft of and from vehicles",
        "theft",
        "#2ca02c",
        5.0,
        False,
        160,
    ),
    (
        "narkotika",
        "Narkotika (handel, bruk, fynd)",
        "Drug-related (dealing, use, finds)",
        "drugs",
        "#98df8a",
        10.0,
        False,
        170,
    ),
    (
        "otrygg-belysning",
        "Otrygg plats: belysning",
        "Unsafe place: lighting",
        "unsafe_place",
        "#7f7f7f",
        1.0,
        False,
        180,
    ),
    (
        "otrygg-sikt",
        "Otrygg plats: skymd sikt, vegetation",
        "Unsafe place: sight lines, vegetation",
        "unsafe_place",
        "#a5a5a5",
        1.0,
        False,
        190,
    ),
    (
        "otrygg-ode",
        "Otrygg plats: öde eller avskild",
        "Unsafe place: deserted",
        "unsafe_place",
        "#c7c7c7",
        1.0,
        False,
        200,
    ),
    ("ovrigt", "Övrigt", "Other", "other", "#555555", 1.0, False, 900),
]

# Police feed ``type`` → category code.
POLICE_INCIDENT_TYPES: dict[str, str] = {
    "Inbrott": "inbrott-lokal",
    "Inbrott, försök": "inbrott-lokal",
    "Stöld/inbrott": "inbrott-lokal",
    "Olaga intrång": "inbrott-lokal",
    "Skadegörelse": "skadegorelse",
    "Klotter": "klotter",
    "Brand": "brand",
    "Brand automatlarm": "brand",
    "Misshandel": "vald",
    "Misshandel, grov": "vald",
    "Misshandel grov": "vald",
    "Våld/hot mot tjänsteman": "vald",
    "Våldtäkt": "vald",
    "Våldtäkt, försök": "vald",
    "Sexualbrott": "vald",
    "Olaga hot": "hot",
    "Knivlagen": "hot",
    "Vapenlagen": "hot",
    "Rån": "ran",
    "Rån, försök": "ran",
    "Rån väpnat": "ran",
    "Rån övrigt": "ran",
    "Mord/dråp": "dodligt-vald",
    "Mord/dråp, försök": "dodligt-vald",
    "Skottlossning": "skjutning-sprangning",
    "Skottlossning, misstänkt": "skjutning-sprangning",
    "Sprängning": "skjutning-sprangning",
    "Detonation": "skjutning-sprangning",
    "Stöld": "stold",
    "Stöld, försök": "stold",
    "Åldringsbrott": "stold",
    "Motorfordon, stöld": "fordon",
    "Motorfordon, anträffat stulet": "fordon",
    "Narkotikabrott": "narkotika",
    "Ofredande/förargelse": "ordningsstorning",
    "Bråk": "ordningsstorning",
    "Fylleri/LOB": "ordningsstorning",
    "Ordningslagen": "ordningsstorning",
    "Alkohollagen": "ordningsstorning",
}

POLICE_SUMMARY_TYPES: list[str] = [
    "Sammanfattning natt",
    "Sammanfattning kväll och natt",
    "Sammanfattning dag",
    "Sammanfattning dag och natt",
    "Sammanfattning kväll",
    "Sammanfattning helg",
    "Sammanfattning vecka",
]

POLICE_IGNORED_TYPES: list[str] = [
    "Trafikolycka",
    "Trafikolycka, personskada",
    "Trafikolycka, singel",
    "Trafikolycka, smitning från",
    "Trafikolycka, vilt",
    "Trafikkontroll",
    "Trafikbrott",
    "Trafikhinder",
    "Rattfylleri",
    "Olovlig körning",
    "Kontroll person/fordon",
    "Arbetsplatsolycka",
    "Försvunnen person",
    "Anträffad död",
    "Anträffat gods",
    "Djur",
    "Fjällräddning",
    "Sjöräddning",
    "Räddningsinsats",
    "Spridning smitta/kemikalier",
    "Farligt föremål, misstänkt",
    "Vållande till kroppsskada",
    "Bedrägeri",
    "Ekobrott",
    "Miljöbrott",
    "Häleri",
    "Larm inbrott",
    "Larm överfall",
    "Polisinsats/kommendering",
    "Övrigt",
]


def install_defaults(category_model: Any = None, mapping_model: Any = None) -> int:
    """Add the default categories and police type mappings that are missing; returns how
    many rows were added. Rows a coordinator changed are left alone.

    The data migration passes its historical models; tests whose database was flushed
    (transactional tests, the live server) call it with no arguments.
    """
    if category_model is None or mapping_model is None:
        from samtrygg.incidents.models import Category, PoliceTypeMapping

        category_model, mapping_model = Category, PoliceTypeMapping
    added = 0
    by_code = {}
    for code, name_sv, name_en, group, colour, harm, near_repeat, order in CATEGORIES:
        category, created = category_model.objects.get_or_create(
            code=code,
            defaults={
                "name_sv": name_sv,
                "name_en": name_en,
                "group": group,
                "colour": colour,
                "harm_weight": harm,
                "near_repeat": near_repeat,
                "order": order,
            },
        )
        by_code[code] = category
        added += int(created)
    mappings: list[tuple[str, dict[str, Any]]] = [
        (t, {"action": "incident", "category": by_code[c]})
        for t, c in POLICE_INCIDENT_TYPES.items()
    ]
    mappings += [(t, {"action": "summary"}) for t in POLICE_SUMMARY_TYPES]
    mappings += [(t, {"action": "ignore"}) for t in POLICE_IGNORED_TYPES]
    for police_type, defaults in mappings:
        _mapping, created = mapping_model.objects.get_or_create(
            police_type=police_type, defaults=defaults
        )
        added += int(created)
    return added
