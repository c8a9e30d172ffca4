"""Demo safety walks: four walks in Västerås (Bäckby, walked again half a year later, Råby,
and Centrum), with about forty findings in every status, given to owners who log in (the
city's street and park office, the housing company Mimer) or who act through their e-mail
link (the electricity company's street lighting, a private property owner). Everything is
made through the services, as the demo's coordinator and the owners' users."""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from PIL import Image, ImageDraw

from samtrygg.accounts import services as account_services
from samtrygg.accounts.demo import demo_password
from samtrygg.accounts.models import Organisation, User
from samtrygg.areas.models import Area
from samtrygg.core.demo_support import DemoContext, DemoLogin
from samtrygg.core.roles import Role
from samtrygg.partners.models import Partner
from samtrygg.walks import services
from samtrygg.walks.models import FindingOwner, SafetyWalk
from samtrygg.walks.services import FindingInput, WalkInput
from samtrygg.walks.tokens import OwnerLink

OWNER_ORG = ("stadsmiljo-vasteras", "Stadsmiljöförvaltningen, gata och park")
OWNER_USER = ("gatapark", "Karin", "Lund", "driftledare gata och park")

# (category, cause, proposal, owner key)
FINDINGS: list[tuple[str, str, str, str]] = [
    ("lighting", "Trasig gatlykta vid gångtunneln", "Byt armatur och lampa", "light"),
    (
        "lighting",
        "Mörk gångväg mellan skolan och centrum",
        "Sätt upp belysning längs gångvägen",
        "street",
    ),
    (
        "vegetation",
        "Buskar skymmer sikten vid busshållplatsen",
        "Beskär buskarna till en meters höjd",
        "street",
    ),
    ("vegetation", "Igenvuxen stig bakom förskolan", "Röj sly längs stigen", "street"),
    ("littering", "Klotter på tvättstugans fasad", "Sanera klottret inom ett dygn", "housing"),
    ("littering", "Nedskräpat vid återvinningsstationen", "Tätare tömning och städning", "street"),
    ("damage", "Trasig lekplatsgrind", "Laga grinden", "housing"),
    ("damage", "Krossad ruta i cykelgaraget", "Byt rutan och sätt upp belysning", "housing"),
    ("traffic", "Höga hastigheter förbi skolan", "Farthinder vid övergångsstället", "street"),
    (
        "design",
        "Otydlig entré till parkeringshuset",
        "Skyltning och belysning vid entrén",
        "private",
    ),
    ("design", "Återvändsgränd utan utsikt", "Öppna upp och belys passagen", "private"),
    (
        "behaviour",
        "Samlingsplats på kvällar vid kiosken",
        "Fältassistenter och belysning",
        "street",
    ),
    ("other", "Saknad papperskorg vid bänkarna", "Ställ ut en papperskorg", "street"),
]

# What happens to each finding in turn, by how far it has come.
PATHS: list[tuple[str, ...]] = [
    ("accepted", "in_progress", "fixed"),
    ("accepted", "in_progress", "fixed"),
    ("accepted", "in_progress"),
    ("accepted",),
    (),
    ("declined",),
    ("transferred",),
    ("accepted", "in_progress", "fixed"),
    ("transferred", "accepted", "in_progress", "fixed"),
    ("accepted",),
]

DECLINED = "Platsen ingår i ombyggnaden av stadsdelstorget nästa år; åtgärden görs då."
TRANSFER = "Marken ägs av bostadsbolaget, som har ansvaret för skötseln."


def _photo(seed: int) -> bytes:
    image = Image.new("RGB", (800, 600), (90 + seed % 60, 110, 130))
    draw = ImageDraw.Draw(image)
    draw.rectangle((200, 150, 600, 450), outline=(240, 240, 240), width=8)
    draw.line((200, 450, 600, 150), fill=(240, 200, 60), width=6)
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


class _Builder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.coordinator = ctx.actor(Role.COORDINATOR)
        self.rng = random.Random(ctx.seed + 13)
        self.today = timezone.localdate()
        self.owners: dict[str, FindingOwner] = {}
        self.owner_users: dict[str, Any] = {}

    def owner_login(self) -> tuple[Organisation, User]:
        org = Organisation.objects.filter(code=OWNER_ORG[0]).first()
        if org is None:
            org = account_services.organisation_create(
                actor=self.coordinator,
                name=OWNER_ORG[1],
                code=OWNER_ORG[0],
                kind="municipal_unit",
                parent=Organisation.objects.filter(code="slk-vasteras").first(),
            )
        username, first, last, title = OWNER_USER
        user = User.objects.filter(username=username).first()
        if user is None:
            user = account_services.user_create(
                actor=self.coordinator,
                username=username,
                password=demo_password(username),
                email="gatapark@example.org",
                first_name=first,
                last_name=last,
                title=title,
                organisation=org,
                role=Role.REPORTER,
            )
            self.ctx.count("users")
        return org, user

    def build_owners(self) -> None:
        street_org, street_user = self.owner_login()
        mimer = Organisation.objects.get(code="mimer")
        specs = {
            "street": (street_org.name, street_org, "gatapark-felanmalan@example.org"),
            "housing": (mimer.name, mimer, ""),
            "light": ("Mälarenergi, gatubelysning", None, "gatubelysning@example.org"),
            "private": ("Fastighetsägare Stensborg", None, "agare.stensborg@example.org"),
        }
        for key, (name, org, email) in specs.items():
            existing = (
                FindingOwner.objects.filter(organisation=org).first()
                if org
                else FindingOwner.objects.filter(name=name).first()
            )
            self.owners[key] = existing or services.owner_create(
                actor=self.coordinator,
                name=name,
                organisation=org,
                email=email,
                private=key == "private",
            )
        self.owner_users = {
            "street": street_user,
            "housing": User.objects.get(username="rapportor"),
        }

    def walk(self, title: str, area_code: str, days_ago: int, **kwargs: Any) -> SafetyWalk:
        area = Area.objects.get(code=area_code)
        lat, lon = kwargs.pop("centre")
        day = self.today - dt.timedelta(days=days_ago)
        route = [
            [round(lon + dx, 6), round(lat + dy, 6)]
            for dx, dy in ((-0.006, -0.002), (-0.002, 0.001), (0.002, 0.002), (0.006, 0.0))
        ]
        organisers = Organisation.objects.filter(code__in=["slk-vasteras", "lpo-vasteras", "mimer"])
        partners = list(Partner.objects.filter(areas=area)[:3]) or list(
            Partner.objects.order_by("name")[:2]
        )
        walk = services.walk_create(
            actor=self.coordinator,
            data=WalkInput(
                title=title,
                area=area,
                walk_date=day,
                time_of_day="evening",
                start_time=dt.time(18, 30),
                weather=kwargs.get("weather", "cloudy"),
                light=kwargs.get("light", "dark"),
                route=route,
                organisers=list(organisers),
                partners=partners,
                participants=kwargs.get(
                    "participants",
                    {
                        "residents": 14,
                        "young_people": 4,
                        "police": 2,
                        "municipality": 3,
                        "housing": 2,
                    },
                ),
                predecessor=kwargs.get("predecessor"),
            ),
        )
        self.ctx.count("safety walks")
        steps = kwargs.get("steps", ("prepared", "walked", "followed_up"))
        days = {
            "prepared": day - dt.timedelta(days=14),
            "walked": day,
            "followed_up": day + dt.timedelta(days=21),
        }
        for step in steps:
            services.walk_step_record(
                actor=self.coordinator,
                walk=walk,
                step=step,
                on=min(days[step], self.today),
                notes="Genomgång med fastighetsägare, polis och boende."
                if step != "walked"
                else "",
            )
        return walk

    def findings(
        self, walk: SafetyWalk, count: int, offset: int, centre: tuple[float, float]
    ) -> list[Any]:
        made = []
        for i in range(count):
            category, cause, proposal, owner_key = FINDINGS[(offset + i) % len(FINDINGS)]
            lat = centre[0] + self.rng.uniform(-0.003, 0.003)
            lon = centre[1] + self.rng.uniform(-0.006, 0.006)
            finding = services.finding_create(
                actor=self.coordinator,
                walk=walk,
                data=FindingInput(
                    area=walk.area,
                    category=category,
                    cause=cause,
                    proposal=proposal,
                    owner=self.owners[owner_key],
                    lon=round(lon, 6),
                    lat=round(lat, 6),
                    address="" if i % 3 else f"{walk.area.name}, vid gångvägen",
                    due_date=walk.walk_date + dt.timedelta(days=60 + 15 * (i % 4)),
                ),
            )
            self.ctx.count("findings")
            if i % 4 == 0:
                photo = services.finding_photo_add(
                    actor=self.coordinator, finding=finding, content=_photo(offset + i)
                )
                services.finding_photo_approve(
                    actor=self.coordinator, photo=photo, public=i % 8 == 0
                )
            made.append(finding)
        return made

    def actor_for(self, finding: Any) -> Any:
        key = next(k for k, o in self.owners.items() if o.pk == finding.owner_id)
        return self.owner_users.get(key) or OwnerLink(self.owners[key])

    def progress(self, findings: list[Any], start: int, last_day: dt.date) -> None:
        for n, finding in enumerate(findings):
            path = PATHS[(start + n) % len(PATHS)]
            span = max((last_day - finding.reported_on).days, 1)
            for step_no, status in enumerate(path, start=1):
                on = min(
                    finding.reported_on + dt.timedelta(days=span * step_no // (len(path) + 1)),
                    self.today,
                )
                actor = self.actor_for(finding)
                if status == "transferred":
                    target = (
                        self.owners["housing"]
                        if finding.owner != self.owners["housing"]
                        else self.owners["street"]
                    )
                    finding = services.finding_transfer(
                        actor=actor, finding=finding, to_owner=target, note=TRANSFER, on=on
                    )
                else:
                    finding = services.finding_status_change(
                        actor=actor,
                        finding=finding,
                        status=status,
                        on=on,
                        declined_reason=DECLINED if status == "declined" else "",
                        note="Arbetsorder lagd" if status == "in_progress" else "",
                    )
            findings[n] = finding

    def build(self) -> None:
        self.build_owners()
        backby = (59.6255, 16.4880)
        first = self.walk(
            "Trygghetsvandring i Bäckby centrum", "district-backby", 400, centre=backby
        )
        first_findings = self.findings(first, 12, 0, backby)
        self.progress(first_findings, 0, first.walk_date + dt.timedelta(days=150))
        services.walk_protocol_publish(actor=self.coordinator, walk=first)
        repeat = self.walk(
            "Bäckby centrum, uppföljande vandring",
            "district-backby",
            190,
            centre=backby,
            predecessor=first,
            weather="clear",
            light="dusk",
        )
        for n, finding in enumerate(f for f in first_findings if f.status == "fixed"):
            services.finding_recheck(
                actor=self.coordinator,
                finding=finding,
                walk=repeat,
                result="reopened" if n == 0 else "confirmed",
                note="Lampan är trasig igen" if n == 0 else "",
            )
        self.progress(
            self.findings(repeat, 10, 3, backby), 2, repeat.walk_date + dt.timedelta(days=120)
        )
        services.walk_protocol_publish(actor=self.coordinator, walk=repeat)
        raby = (59.6290, 16.5090)
        third = self.walk(
            "Trygghetsvandring i Råby", "district-raby", 60, centre=raby, weather="rain"
        )
        self.progress(self.findings(third, 10, 6, raby), 4, self.today)
        services.walk_protocol_publish(actor=self.coordinator, walk=third)
        centrum = (59.6099, 16.5448)
        fourth = self.walk(
            "Kvällsvandring i centrum",
            "district-centrum",
            6,
            centre=centrum,
            steps=("prepared", "walked"),
            participants={"residents": 9, "business": 5, "police": 2, "politicians": 1},
        )
        self.findings(fourth, 8, 9, centrum)


def _owner_login(ctx: DemoContext) -> None:
    username, _first, _last, title = OWNER_USER
    if User.objects.filter(username=username).exists():
        ctx.logins.append(
            DemoLogin(
                role="finding owner",
                username=username,
                password=demo_password(username),
                title=title,
            )
        )


def build(ctx: DemoContext) -> None:
    if SafetyWalk.objects.exists():
        _owner_login(ctx)
        return
    if (
        not Area.objects.filter(code="district-backby").exists()
        or Role.COORDINATOR not in ctx.users
    ):
        ctx.note("walks: the areas or accounts demo is missing; no safety walks built.")
        return
    with translation.override(settings.LANGUAGE_CODE):
        _Builder(ctx).build()
    _owner_login(ctx)
