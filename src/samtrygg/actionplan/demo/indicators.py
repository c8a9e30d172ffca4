"""Indicators on the Trygghetsrådet goals, and survey values through the survey import."""

from __future__ import annotations

from samtrygg.actionplan import services
from samtrygg.actionplan.demo.base import BuilderBase
from samtrygg.actionplan.models import Indicator
from samtrygg.areas.models import Area
from samtrygg.core.roles import Role
from samtrygg.incidents.models import Category


class IndicatorBuilder(BuilderBase):
    """Indicators on the council's goals, with hand-entered and imported survey values."""

    def indicators(self) -> None:
        if Indicator.objects.filter(code__startswith="demo-").exists():
            return
        areas = {
            a.code: a for a in Area.objects.filter(code__in=["district-backby", "district-centrum"])
        }
        cats = {c.code: c for c in Category.objects.all()}
        y = self.year
        strategic, youth = self._goal("strategic"), self._goal("youth")
        victims, exit_goal = self._goal("victims"), self._goal("exit")
        if strategic is None:
            self.ctx.note("actionplan: the governance demo's goals are missing; no indicators.")
            return
        created = []
        created.append(
            services.indicator_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                goal=strategic,
                code="demo-trygg-kvall",
                name="Andel som känner sig trygga utomhus en sen kväll",
                kind="survey",
                measure="percent",
                direction="increase",
                first_year=y - 5,
                areas=[
                    a for a in (areas.get("district-backby"), areas.get("district-centrum")) if a
                ],
                source="NTU (Brå), kommunens urval",
                baseline_value=64.0,
                baseline_year=y - 3,
                target_value=70.0,
                target_year=y + 1,
            )
        )
        created.append(
            services.indicator_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                goal=strategic,
                code="demo-oro-brott",
                name="Andel som oroar sig mycket för brottsligheten i samhället",
                kind="survey",
                measure="percent",
                direction="decrease",
                first_year=y - 5,
                source="Polisens trygghetsmätning",
                target_value=25.0,
                target_year=y + 2,
            )
        )
        created.append(
            services.indicator_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                goal=strategic,
                code="demo-skadegorelse",
                name="Skadegörelse och klotter i hela kommunen",
                kind="computed",
                measure="count",
                direction="decrease",
                first_year=y - 1,
                categories=[cats[c] for c in ("skadegorelse", "klotter") if c in cats],
                target_value=None,
                target_year=None,
            )
        )
        if "district-backby" in areas:
            created.append(
                services.indicator_create(
                    actor=self.ctx.actor(Role.COORDINATOR),
                    goal=youth or strategic,
                    code="demo-backby-ordning",
                    name="Ordningsstörningar och otrygga grupperingar i Bäckby per 1 000 invånare",
                    kind="computed",
                    measure="rate",
                    direction="decrease",
                    first_year=y - 1,
                    categories=[
                        cats[c] for c in ("ordningsstorning", "otrygga-grupperingar") if c in cats
                    ],
                    areas=[areas["district-backby"]],
                    target_value=20.0,
                    target_year=y + 1,
                )
            )
        if victims is not None:
            ind = services.indicator_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                goal=victims,
                code="demo-stod-7-dagar",
                name="Andel särskilt utsatta brottsoffer som erbjuds stöd inom sju dagar",
                kind="manual",
                measure="percent",
                direction="increase",
                first_year=y - 3,
                source="Brottsofferjouren och individ- och familjeförvaltningen",
                baseline_value=41.0,
                baseline_year=y - 3,
                target_value=90.0,
                target_year=y + 1,
            )
            for year, value in ((y - 3, 41.0), (y - 2, 63.0), (y - 1, 78.0)):
                services.indicator_value_set(
                    actor=self.ctx.actor(Role.COORDINATOR),
                    indicator=ind,
                    year=year,
                    value=value,
                    source=ind.source,
                )
            created.append(ind)
        if exit_goal is not None:
            ind = services.indicator_create(
                actor=self.ctx.actor(Role.COORDINATOR),
                goal=exit_goal,
                code="demo-avhoppare",
                name="Personer som fått samordnat stöd för att lämna ett kriminellt nätverk",
                kind="manual",
                measure="count",
                direction="increase",
                first_year=y - 3,
                source="Individ- och familjeförvaltningen",
            )
            for year, value in ((y - 3, 2.0), (y - 2, 4.0), (y - 1, 7.0)):
                services.indicator_value_set(
                    actor=self.ctx.actor(Role.COORDINATOR),
                    indicator=ind,
                    year=year,
                    value=value,
                    source=ind.source,
                )
            created.append(ind)
        self._survey(areas)
        self.ctx.count("indicators", len(created))

    def _survey(self, areas: dict[str, Area]) -> None:
        """NTU-like and trygghetsmätning-like values, through the survey import."""
        y = self.year
        # The whole municipality's values have no area code.
        rows = ["area code,indicator,year,value,n,source"]
        series = {
            "": [62.1, 63.0, 61.8, 64.0, 65.2],
            "district-backby": [48.5, 47.9, 50.2, 52.0, 55.1],
            "district-centrum": [57.3, 58.8, 56.9, 58.1, 60.4],
        }
        sizes = {"district-backby": 180, "district-centrum": 240}
        for code, values in series.items():
            if code and code not in areas:
                continue
            for k, value in enumerate(values):
                year = y - 5 + k
                rows.append(
                    f"{code},demo-trygg-kvall,{year},{value},{sizes.get(code, 1400)},NTU {year + 1}"
                )
        worry = [29.0, 28.5, 30.1, 29.4, 27.8]
        for k, value in enumerate(worry):
            year = y - 5 + k
            rows.append(f",demo-oro-brott,{year},{value},2100,Polisens trygghetsmätning {year}")
        result = services.survey_import(
            actor=self.ctx.actor(Role.COORDINATOR),
            data="\n".join(rows).encode(),
            file_name="ntu-och-trygghetsmatning.csv",
        )
        self.ctx.count("survey values", result.created)
