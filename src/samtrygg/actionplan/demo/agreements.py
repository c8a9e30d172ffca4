"""The collaboration agreement with the police, its commitments, and citizen promises."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from samtrygg.actionplan import services
from samtrygg.actionplan.demo.base import BuilderBase
from samtrygg.actionplan.models import Agreement, CitizenPromise
from samtrygg.areas.models import Area
from samtrygg.core.roles import Role


class AgreementBuilder(BuilderBase):
    """The agreement with the police, its commitments, and the citizen promises."""

    def agreement(self) -> None:
        if Agreement.objects.exists():
            return
        agreement = services.agreement_create(
            actor=self.ctx.actor(Role.COORDINATOR),
            title="Samverkansöverenskommelse mellan Västerås stad och lokalpolisområde Västerås",
            parties=[self.orgs[c] for c in ("ks-vasteras", "slk-vasteras", "lpo-vasteras")],
            period_start=dt.date(2023, 7, 1),
            period_end=dt.date(2027, 6, 30),
            signed_date=dt.date(2023, 6, 15),
            signatories=["Kommunstyrelsens ordförande", "Lokalpolisområdeschef"],
            description=(
                "Kommunen och polisen arbetar tillsammans utifrån en gemensam lägesbild och en "
                "handlingsplan. Samverkan med civilsamhället och näringslivet ska utvecklas."
            ),
            document=SimpleUploadedFile(
                "samverkansoverenskommelse-2023.txt",
                "Samverkansöverenskommelse mellan Västerås stad och lokalpolisområde Västerås, "
                "undertecknad 2023-06-15.\n".encode(),
                content_type="text/plain",
            ),
        )
        t = self.today
        commitments = [
            (
                "Ta fram en gemensam lägesbild varje år",
                "slk-vasteras",
                t + dt.timedelta(days=120),
                "in_progress",
            ),
            ("Gemensamma veckomöten enligt EST", "lpo-vasteras", None, "done"),
            (
                "Genomföra trygghetsvandringar i de prioriterade stadsdelarna varje höst",
                "slk-vasteras",
                dt.date(t.year, 10, 31),
                "in_progress",
            ),
            (
                "Medborgarlöften tas fram tillsammans varje år",
                "lpo-vasteras",
                dt.date(t.year, 3, 31),
                "done",
            ),
            (
                "Utveckla samverkan med näringslivet i centrum",
                "slk-vasteras",
                t - dt.timedelta(days=45),
                "in_progress",
            ),
            (
                "Gemensam uppföljning till kommunstyrelsen två gånger om året",
                "slk-vasteras",
                t + dt.timedelta(days=60),
                "not_started",
            ),
        ]
        for title, owner, due, status in commitments:
            services.commitment_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                agreement=agreement,
                title=title,
                owner=self.orgs[owner],
                due_date=due,
                status=status,
            )
        self.ctx.count("agreements")
        self.ctx.count("commitments", len(commitments))

    def promises(self) -> None:
        if CitizenPromise.objects.exists():
            return
        areas = {
            a.code: a for a in Area.objects.filter(code__in=["district-centrum", "district-backby"])
        }
        issuers = [self.orgs["slk-vasteras"], self.orgs["lpo-vasteras"]]
        y = self.year
        specs = [
            (
                "Trygg centrummiljö kvällstid",
                "Polisen och Västerås stad lovar att öka närvaron i centrum fredag och lördag "
                "kväll och att åtgärda otrygga platser som invånarna pekar ut.",
                "district-centrum",
                True,
                "ongoing",
                [
                    ("Polisen patrullerar till fots i centrum fredag och lördag kväll", "ongoing"),
                    ("Trygghetsvandring i centrum med handlare och boende", "done"),
                    ("Förbättrad belysning i Vasaparken", "planned"),
                ],
                "Trygghetsvandringen genomfördes i oktober med ett fyrtiotal deltagare. "
                "Fotpatrullering pågår varje helg.",
            ),
            (
                "Tryggare Bäckby centrum",
                "Vi lovar att finnas på plats i Bäckby centrum kvällar och helger och att "
                "skadegörelse och klotter tas bort inom 48 timmar.",
                "district-backby",
                True,
                "ongoing",
                [
                    ("Fältassistenter och polis på plats fredag och lördag kväll", "ongoing"),
                    ("Klotter saneras inom 48 timmar", "ongoing"),
                    ("Ny belysning i gångtunnlarna", "done"),
                ],
                "Belysningen i gångtunnlarna är klar. Rapporterade händelser i Bäckby har "
                "minskat sedan närvaron ökade.",
            ),
            (
                "Ökad trygghet vid resecentrum",
                "Polisen och kommunen lovar att arbeta för ökad trygghet vid resecentrum, "
                "bland annat genom kameraövervakning och fler vuxna på plats.",
                "district-centrum",
                False,
                "planned",
                [
                    ("Ansökan om kameraövervakning", "planned"),
                    ("Samverkan med bevakningsbolagen vid resecentrum", "planned"),
                ],
                "",
            ),
        ]
        for title, text, area, public, status, activities, follow_up in specs:
            promise = services.promise_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                title=title,
                text=text,
                area=areas.get(area),
                period_start=dt.date(y, 1, 1),
                period_end=dt.date(y, 12, 31),
                status=status,
                is_public=public,
                issuers=issuers,
                internal_note="Ansvarig hos polisen: kommunpolisen. Internt underlag i ärendet.",
                activities=[a for a, _s in activities],
            )
            for activity, (_text, activity_status) in zip(
                promise.activities.order_by("order"), activities, strict=True
            ):
                if activity_status != "planned":
                    services.promise_activity_set_status(
                        actor=self.ctx.actor(Role.COORDINATOR),
                        activity=activity,
                        status=activity_status,
                    )
            if follow_up:
                services.promise_follow_up_add(
                    promise=promise,
                    text=follow_up,
                    recorded_on=self.today - dt.timedelta(days=20),
                    actor=self.users["samordnare"],
                )
            self.ctx.count("citizen promises")
