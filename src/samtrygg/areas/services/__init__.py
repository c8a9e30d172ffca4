"""Writes for areas, their populations and places (each service checks that its ``actor``
holds ``areas.manage``). Split by subject; callers use ``samtrygg.areas.services``."""

from samtrygg.areas.services.areas import (
    AreaImportRefused,
    ImportResult,
    area_create,
    area_delete,
    area_import_geojson,
    area_import_geojson_by_operator,
    area_population_set,
    area_update,
)
from samtrygg.areas.services.places import place_create, place_delete, place_update
from samtrygg.areas.services.population import (
    PopulationImportRefused,
    PopulationImportResult,
    describe_row_error,
    population_import_csv,
    population_import_csv_by_operator,
)

__all__ = [
    "AreaImportRefused",
    "ImportResult",
    "PopulationImportRefused",
    "PopulationImportResult",
    "area_create",
    "area_delete",
    "area_import_geojson",
    "area_import_geojson_by_operator",
    "area_population_set",
    "area_update",
    "describe_row_error",
    "place_create",
    "place_delete",
    "place_update",
    "population_import_csv",
    "population_import_csv_by_operator",
]
