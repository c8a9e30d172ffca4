"""The partners demo's data: 25 partners of a Västerås-like municipality, the themes,
contributions and recommendations of two years of Värna's dialogue.

Names of the municipality's real kinds of partners, made up; organisation numbers are
made up too (a fixed base per partner with its Luhn check digit computed).
"""

from __future__ import annotations

from dataclasses import dataclass

from samtrygg.partners.models import PartnerKind as K


@dataclass(frozen=True)
class PartnerSpec:
    name: str
    kind: str
    #: Nine digits; the tenth (Luhn) is computed. "" for none.
    orgnr_base: str
    districts: tuple[str, ...]
    focus: tuple[str, ...]
    #: The accounts organisation it is (by code), when the accounts demo has one.
    organisation: str = ""
    description: str = ""
    in_dialogue: bool = True


PARTNERS: list[PartnerSpec] = [
    PartnerSpec(
        "Bostads AB Mimer",
        K.HOUSING_COMPANY,
        "556010271",
        ("backby", "raby", "skallberget"),
        ("strategic", "youth"),
        "mimer",
        "Kommunens bostadsbolag; områdesvärdar i de prioriterade stadsdelarna.",
    ),
    PartnerSpec(
        "Stadsdelsfastigheter i Västerås AB",
        K.HOUSING_COMPANY,
        "556712345",
        ("backby", "skallberget"),
        ("strategic",),
        "stadsdelsfast",
        "Förvaltar centrumanläggningarna i stadsdelarna.",
    ),
    PartnerSpec(
        "Västerås Citysamverkan",
        K.TRADE_BODY,
        "802460123",
        ("centrum",),
        ("strategic",),
        "city-vasteras",
        "Handlare och fastighetsägare i centrum.",
    ),
    PartnerSpec(
        "Erikslunds köpcentrum",
        K.BUSINESS,
        "556812340",
        ("hammarby",),
        ("strategic",),
        "erikslund-kc",
    ),
    PartnerSpec(
        "Bevakningsbolaget Mälardalen",
        K.BUSINESS,
        "556901234",
        ("centrum", "hammarby"),
        ("strategic",),
        "bevakning-malardalen",
    ),
    PartnerSpec(
        "Nattvandrarna Västerås",
        K.ASSOCIATION,
        "802470456",
        ("centrum", "backby", "raby"),
        ("youth",),
        "nattvandrarna",
        "Vuxna som rör sig ute helgkvällar där unga samlas.",
    ),
    PartnerSpec(
        "Brottsofferjouren Västmanland",
        K.ASSOCIATION,
        "802480789",
        (),
        ("victims",),
        "brottsofferjouren",
        "Stöd till brottsutsatta, vittnen och anhöriga.",
    ),
    PartnerSpec(
        "Bäckby idrottsförening",
        K.SPORTS_CLUB,
        "802490112",
        ("backby",),
        ("youth",),
        "backby-if",
        "Fotboll och futsal för barn och unga; öppen hall under loven.",
    ),
    PartnerSpec("Råby BK", K.SPORTS_CLUB, "802491234", ("raby",), ("youth",)),
    PartnerSpec(
        "Skallbergets boxningsklubb", K.SPORTS_CLUB, "802492345", ("skallberget",), ("youth",)
    ),
    PartnerSpec(
        "Hyresgästföreningen Västerås",
        K.ASSOCIATION,
        "802493456",
        ("backby", "skallberget", "viksang"),
        ("strategic",),
    ),
    PartnerSpec(
        "Föreningen Grannar i Skallberget",
        K.ASSOCIATION,
        "802494567",
        ("skallberget",),
        ("strategic", "youth"),
    ),
    PartnerSpec(
        "Fältföreningen Unga vuxna",
        K.ASSOCIATION,
        "802495678",
        ("centrum", "backby"),
        ("youth", "exit"),
        "",
        "Ideell förening med unga vuxna som förebilder; stöd vid avhopp.",
    ),
    PartnerSpec("Kvinnojouren Västerås", K.ASSOCIATION, "802496789", (), ("victims",)),
    PartnerSpec(
        "Västerås domkyrkoförsamling", K.FAITH_COMMUNITY, "252004567", ("centrum",), ("victims",)
    ),
    PartnerSpec(
        "Islamiska kulturföreningen i Västerås",
        K.FAITH_COMMUNITY,
        "802497890",
        ("backby", "skallberget"),
        ("youth",),
    ),
    PartnerSpec("Pingstkyrkan Västerås", K.FAITH_COMMUNITY, "252005678", ("centrum",), ("youth",)),
    PartnerSpec("Friskolan Mälarhöjden", K.SCHOOL, "556923456", ("viksang",), ("youth",)),
    PartnerSpec("Gymnasiet vid Kopparlunden", K.SCHOOL, "556934567", ("centrum",), ("youth",)),
    PartnerSpec("Fastighetsägarna Mälardalen", K.TRADE_BODY, "802498901", (), ("strategic",)),
    PartnerSpec("Företagarna Västerås", K.TRADE_BODY, "802499012", (), ("strategic",)),
    PartnerSpec(
        "Region Västmanland, psykiatrin", K.PUBLIC_AGENCY, "232100456", (), ("victims", "exit")
    ),
    PartnerSpec("Räddningstjänsten Mälardalen", K.PUBLIC_AGENCY, "222000789", (), ("strategic",)),
    PartnerSpec("Kriminalvården, frivården Västerås", K.PUBLIC_AGENCY, "202100527", (), ("exit",)),
    PartnerSpec(
        "Västmanlands lokaltrafik",
        K.PUBLIC_AGENCY,
        "232100789",
        ("centrum",),
        ("strategic",),
        "",
        "",
        False,
    ),
]

#: Partner logins (role ``partner``): username, first and last name, title, partner name.
PARTNER_LOGINS: list[tuple[str, str, str, str, str]] = [
    ("forening", "Leila", "Haddad", "ordförande", "Nattvandrarna Västerås"),
    ("fastighet", "Per", "Wikström", "fastighetschef", "Stadsdelsfastigheter i Västerås AB"),
]

#: Contact persons (partner, name, role, e-mail, phone), all with recorded consent.
CONTACTS: list[tuple[str, str, str, str, str]] = [
    ("Nattvandrarna Västerås", "Leila Haddad", "Ordförande", "leila.haddad@example.org", ""),
    ("Bostads AB Mimer", "Sara Ahmadi", "Områdesvärd", "sara.ahmadi@example.org", "021-10 20 30"),
    ("Västerås Citysamverkan", "Jonas Ek", "Verksamhetsledare", "jonas.ek@example.org", ""),
    ("Bäckby idrottsförening", "Amir Rahimi", "Ordförande", "", "070-111 22 33"),
    (
        "Brottsofferjouren Västmanland",
        "Karin Sjöberg",
        "Verksamhetsledare",
        "karin.sjoberg@example.org",
        "",
    ),
    (
        "Stadsdelsfastigheter i Västerås AB",
        "Per Wikström",
        "Fastighetschef",
        "per.wikstrom@example.org",
        "",
    ),
    ("Hyresgästföreningen Västerås", "Maja Olsson", "Ombudsman", "maja.olsson@example.org", ""),
    ("Kvinnojouren Västerås", "Helena Berg", "Samordnare", "helena.berg@example.org", ""),
]

#: Themes of the forum's meetings, two per meeting in turn.
THEMES: list[str] = [
    "Tryggheten i centrum kvällstid",
    "Unga och lovaktiviteter",
    "Belysning och fysisk miljö i stadsdelarna",
    "Stöd till brottsutsatta",
    "Klotter och skadegörelse",
    "Föräldrar och vuxna ute",
    "Trygghet i kollektivtrafiken",
    "Avhopp och vägar ut",
]

#: Contributions: (kind, title, text, district or "", focus area code or "").
CONTRIBUTIONS: list[tuple[str, str, str, str, str]] = [
    (
        "observation",
        "Unga samlas vid Bäckby centrum efter stängning",
        "Grupper av unga samlas vid centrumets baksida fredagar efter 22; butikerna upplever oro.",
        "backby",
        "youth",
    ),
    (
        "proposal",
        "Öppen hall fredagskvällar",
        "Vi kan hålla hallen öppen fredagar under loven om kommunen står för ledare.",
        "backby",
        "youth",
    ),
    (
        "observation",
        "Mörka gångtunnlar vid Råby",
        "Flera lampor i gångtunnlarna är trasiga sedan i höstas; boende undviker dem.",
        "raby",
        "strategic",
    ),
    (
        "proposal",
        "Snabbare klottersanering",
        "Anmält klotter bör saneras inom 48 timmar; det som blir kvar drar till sig mer.",
        "skallberget",
        "strategic",
    ),
    (
        "observation",
        "Fler butiksstölder i centrum",
        "Handlarna ser fler stölder sena eftermiddagar, ofta samma personer.",
        "centrum",
        "strategic",
    ),
    (
        "proposal",
        "Gemensamt kontaktnät för handlare",
        "Ett kontaktnät med polisen och vakterna så att handlare kan varna varandra.",
        "centrum",
        "strategic",
    ),
    (
        "observation",
        "Brottsutsatta vet inte var de får stöd",
        "Många som kontaktar oss har inte fått information om stöd vid anmälan.",
        "",
        "victims",
    ),
    (
        "proposal",
        "Gemensam information om brottsofferstöd",
        "Ta fram en folder och en sida på flera språk tillsammans med kommunen.",
        "",
        "victims",
    ),
    (
        "observation",
        "För få vuxna ute på helgnätterna",
        "Vi är för få nattvandrare för att täcka både centrum och Bäckby.",
        "centrum",
        "youth",
    ),
    (
        "proposal",
        "Värva fler nattvandrare",
        "Kommunen kan hjälpa till att värva föräldrar genom skolorna.",
        "backby",
        "youth",
    ),
    (
        "observation",
        "Otrygghet vid busshållplatserna i Skallberget",
        "Resenärer upplever hållplatsen som otrygg kvällstid; belysningen är svag.",
        "skallberget",
        "strategic",
    ),
    (
        "proposal",
        "Mentorer för unga på väg ut",
        "Unga vuxna som själva lämnat kriminalitet kan vara mentorer.",
        "",
        "exit",
    ),
    (
        "observation",
        "Skadegörelse i tvättstugor",
        "Återkommande skadegörelse i tvättstugorna i Skallberget.",
        "skallberget",
        "strategic",
    ),
    (
        "proposal",
        "Trygghetsvandring med föräldrar",
        "Bjud in föräldrar till trygghetsvandringen i Bäckby i höst.",
        "backby",
        "youth",
    ),
    (
        "observation",
        "Unga i kyrkans lokaler",
        "Fler unga söker sig till våra öppna kvällar; vi behöver fler vuxna.",
        "centrum",
        "youth",
    ),
    (
        "proposal",
        "Gemensam lägesbild till föreningarna",
        "Dela en kort version av lägesbilden med föreningarna varje halvår.",
        "",
        "strategic",
    ),
]

#: Citizen dialogues (no partner): (title, text, district, focus area).
CITIZEN_DIALOGUES: list[tuple[str, str, str, str]] = [
    (
        "Medborgardialog i Skallberget: belysning",
        "Boende pekade ut gångvägen mot skolan och parkeringen som mörka och otrygga.",
        "skallberget",
        "strategic",
    ),
    (
        "Medborgardialog i Bäckby: unga och fritid",
        "Föräldrar efterfrågade fler aktiviteter för 13–16-åringar kvällstid.",
        "backby",
        "youth",
    ),
    (
        "Medborgardialog i centrum: kvällar",
        "Äldre boende undviker centrum kvällstid; önskar fler vuxna och bättre ljus.",
        "centrum",
        "strategic",
    ),
]

#: Recommendations to Trygghetsrådet in order, one or two per held meeting: (title, text,
#: response, reason). Response "decision": accepted as the council's decision of the same
#: title (governance demo); "agenda": accepted onto the council's next meeting.
#: The first five are Värna's former "decisions".
RECOMMENDATIONS: list[tuple[str, str, str, str]] = [
    (
        "Gemensamt kontaktnät i centrum",
        "Citysamverkan och polisen upprättar ett kontaktnät för handlare i centrum.",
        "noted",
        "Rådet noterar att Citysamverkan och polisen redan bygger upp kontaktnätet.",
    ),
    (
        "Klotter saneras inom 48 timmar",
        "Fastighetsägarna sanerar anmält klotter inom 48 timmar.",
        "decision",
        "",
    ),
    (
        "Fler nattvandrare under helger",
        "Nattvandrarna värvar fler vuxna till helgkvällarna med stöd av kommunen.",
        "decision",
        "",
    ),
    (
        "Trygga mötesplatser i föreningslivet",
        "Bäckby IF håller öppen hall fredagskvällar under skolloven.",
        "declined",
        "Finansieringen ryms inte i år; frågan tas upp igen i budgetarbetet.",
    ),
    (
        "Information om brottsofferstöd",
        "Brottsofferjouren och kommunen tar fram gemensam information om stöd.",
        "agenda",
        "",
    ),
    (
        "Belysning vid busshållplatser",
        "Kommunen och Västmanlands lokaltrafik ser över belysningen vid hållplatserna i "
        "Skallberget.",
        "pending",
        "",
    ),
]
