"""Django admin for areas and places: read and correct names only. Geometry and deletion go
through the web pages or commands (services), which re-assign incidents."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from samtrygg.areas.models import Area, AreaPopulation, Place


class AreaPopulationInline(admin.TabularInline):
    model = AreaPopulation
    extra = 0
    readonly_fields = ["year", "population"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "population", "population_year", "area_km2"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    exclude = ["geometry_3006"]
    readonly_fields = [
        "code",
        "kind",
        "population",
        "population_year",
        "geometry",
        "min_x",
        "min_y",
        "max_x",
        "max_y",
        "area_km2",
    ]
    inlines = [AreaPopulationInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "lat", "lon", "radius_m"]
    search_fields = ["name"]
    readonly_fields = ["lon", "lat", "x", "y"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
