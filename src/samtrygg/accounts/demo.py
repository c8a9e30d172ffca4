"""Demo organisations of a Västerås-like municipality, and one user per role."""

from __future__ import annotations

from samtrygg.accounts.models import Membership, Organisation, OrganisationKind, User
from samtrygg.core.demo_support import DemoContext, DemoLogin
from samtrygg.core.roles import Role

K = OrganisationKind

# (code, name, kind, parent code)
ORGANISATIONS: list[tuple[str, str, str, str | None]] = [
    ("slk-vasteras", "Stadsledningskontoret, Västerås stad", K.MUNICIPAL_OFFICE, None),
    ("ks-vasteras", "Kommunstyrelsen", K.POLITICAL_BODY, None),
    ("gsn-vasteras", "Grundskolenämnden", K.POLITICAL_BODY, None),
    ("iff-vasteras", "Idrotts-, fritids- och förebyggandenämnden", K.POLITICAL_BODY, None),
    ("ifn-vasteras", "Individ- och familjenämnden", K.POLITICAL_BODY, None),
    ("iff-forvaltning", "Individ- och familjeförvaltningen", K.MUNICIPAL_UNIT, "slk-vasteras"),
    ("fritid-vasteras", "Fritidsgårdar och fältverksamhet", K.MUNICIPAL_UNIT, "slk-vasteras"),
    ("lpo-vasteras", "Lokalpolisområde Västerås", K.POLICE, None),
    ("mimer", "Bostads AB Mimer", K.HOUSING_COMPANY, None),
    ("stadsdelsfast", "Stadsdelsfastigheter i Västerås AB", K.HOUSING_COMPANY, None),
    ("city-vasteras", "Västerås Citysamverkan", K.BUSINESS, None),
    ("erikslund-kc", "Erikslunds köpcentrum", K.BUSINESS, None),
    ("bevakning-malardalen", "Bevakningsbolaget Mälardalen", K.BUSINESS, None),
    ("nattvandrarna", "Nattvandrarna Västerås", K.ASSOCIATION, None),
    ("brottsofferjouren", "Brottsofferjouren Västmanland", K.ASSOCIATION, None),
    ("backby-if", "Bäckby idrottsförening", K.ASSOCIATION, None),
]

# (role, username, first name, last name, title, organisation code, police_data). Titles
# are lower case: they follow the name in a signature ("Anna Berg, brottsförebyggande
# samordnare, Stadsledningskontoret").
USERS: list[tuple[str, str, str, str, str, str, bool]] = [
    (
        Role.COORDINATOR,
        "samordnare",
        "Anna",
        "Berg",
        "brottsförebyggande samordnare",
        "slk-vasteras",
        False,
    ),
    (Role.ANALYST, "analytiker", "Erik", "Lindqvist", "trygghetsanalytiker", "slk-vasteras", True),
    (Role.POLICE, "polis", "Maria", "Johansson", "kommunpolis", "lpo-vasteras", False),
    (
        Role.COUNCIL_MEMBER,
        "ledamot",
        "Lars",
        "Nyström",
        "kommunstyrelsens ordförande",
        "ks-vasteras",
        False,
    ),
    (Role.REPORTER, "rapportor", "Sara", "Ahmadi", "områdesvärd", "mimer", False),
    (
        Role.CASE_WORKER,
        "handlaggare",
        "Johan",
        "Karlsson",
        "SSPF-samordnare",
        "iff-forvaltning",
        False,
    ),
    (Role.AUDITOR, "granskare", "Eva", "Holm", "dataskyddsombud", "slk-vasteras", False),
]


def demo_password(username: str) -> str:
    return f"samtrygg-demo-{username}"


def build(ctx: DemoContext) -> None:
    orgs: dict[str, Organisation] = {}
    for code, name, kind, parent in ORGANISATIONS:
        org, created = Organisation.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "parent": orgs.get(parent or "")}
        )
        orgs[code] = org
        ctx.count("organisations", int(created))
    for role, username, first_name, last_name, title, org_code, police_data in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first_name, last_name=last_name, title=title)
            user.set_password(demo_password(username))
            user.save()
            ctx.count("users")
        _membership, created = Membership.objects.get_or_create(
            user=user,
            organisation=orgs[org_code],
            role=role,
            defaults={"police_data": police_data},
        )
        ctx.count("memberships", int(created))
        ctx.users[role] = user
        ctx.logins.append(
            DemoLogin(role=role, username=username, password=demo_password(username), title=title)
        )
