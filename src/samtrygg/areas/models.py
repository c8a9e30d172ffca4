"""Areas (districts, DeSO, police areas, …) and named places, with their geometry.

Geometry is kept twice: as GeoJSON in WGS84 (EPSG:4326) for maps and exports, and as
WKB in SWEREF 99 TM (EPSG:3006, metres) with its bounding box for spatial work. No
spatial database is needed: shapely does the geometry.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

from samtrygg.core.models import TimeStampedModel


class AreaKind(models.TextChoices):
    DISTRICT = "district", _("District")
    DESO = "deso", _("DeSO area")
    REGSO = "regso", _("RegSO area")
    POLICE_AREA = "police_area", _("Police area")
    VULNERABLE_AREA = "vulnerable_area", _("Vulnerable area")
    CUSTOM = "custom", _("Custom area")


class Area(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices, db_index=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    #: GeoJSON geometry (Polygon or MultiPolygon) in EPSG:4326, lon/lat.
    geometry = models.JSONField(_("geometry"))
    #: The same geometry projected to EPSG:3006 (metres), as WKB.
    geometry_3006 = models.BinaryField(_("projected geometry"))
    #: The geometry simplified for drawing on maps (a few metres), so that a survey-grade
    #: outline of a million corners is not sent to every browser.
    display_geometry = models.JSONField(_("map geometry"), null=True, editable=False)
    min_x = models.FloatField()
    min_y = models.FloatField()
    max_x = models.FloatField()
    max_y = models.FloatField()
    area_km2 = models.FloatField(_("area (km²)"))

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name


class AreaPopulation(models.Model):
    """Population of an area in a year (for rates per 1,000 inhabitants)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField(_("year"))
    population = models.PositiveIntegerField(_("population"))

    class Meta:
        ordering = ["area", "-year"]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="area_population_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year}: {self.population}"


class Place(TimeStampedModel):
    """A named place of concern: a square, a station, a school yard."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lon = models.FloatField(_("longitude"))
    lat = models.FloatField(_("latitude"))
    x = models.FloatField()
    y = models.FloatField()
    radius_m = models.PositiveIntegerField(_("radius (m)"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return self.name


# The projected geometry, its bounding box and a place's projected point are derived from
# the recorded geometry and coordinates: the audit trail keeps what a person changed.
auditlog.register(
    Area, exclude_fields=["geometry_3006", "display_geometry", "min_x", "min_y", "max_x", "max_y"]
)
auditlog.register(AreaPopulation)
auditlog.register(Place, exclude_fields=["x", "y"])
