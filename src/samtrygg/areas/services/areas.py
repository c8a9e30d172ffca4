"""Writes for areas: the GeoJSON import, one area at a time, a year's population.

Every write that adds, changes or removes an area's geometry calls
``hooks.notify_area_changed`` (inside its transaction; the callbacks run after commit), so
that the incidents app re-assigns incidents to areas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samtrygg.areas import geo
from samtrygg.areas.geo import FeatureProblem, Geometry, GeometryRefused
from samtrygg.areas.hooks import notify_area_changed
from samtrygg.areas.models import Area, AreaKind, AreaPopulation
from samtrygg.areas.services.population import parse_count, set_population
from samtrygg.core.exceptions import ServiceError
from samtrygg.core.permissions import Actor, require_capability, system_service
from samtrygg.core.text import quoted_list

NAME_MAX = 200
CODE_MAX = 60
MIN_YEAR, MAX_YEAR = 1900, 2100


class AreaImportRefused(ServiceError):
    """Nothing was saved. ``problems`` lists every reason, each naming its feature."""

    def __init__(self, problems: list[FeatureProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class ImportResult:
    crs: str
    #: Where the coordinate system came from: "argument", "file" or "coordinates".
    crs_source: str
    created: list[Area] = field(default_factory=list)
    updated: list[Area] = field(default_factory=list)
    unchanged: list[Area] = field(default_factory=list)
    #: One entry per repaired feature (its number and what was done).
    repairs: list[FeatureProblem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


# --- Areas ------------------------------------------------------------------------------


def area_import_geojson(
    *,
    actor: Actor,
    data: bytes | str | dict[str, Any],
    kind: str,
    name_field: str,
    code_field: str,
    population_field: str | None = None,
    population_year: int | None = None,
    crs: str | None = None,
    update_existing: bool = True,
) -> ImportResult:
    """Create (or, by code, update) one area per feature of a GeoJSON FeatureCollection.

    All or nothing: when any feature is refused, nothing is saved and ``AreaImportRefused``
    lists every problem with its feature number (1-based).
    """
    require_capability(actor, "areas.manage")
    return _import_geojson(
        data=data,
        kind=kind,
        name_field=name_field,
        code_field=code_field,
        population_field=population_field,
        population_year=population_year,
        crs=crs,
        update_existing=update_existing,
    )


@system_service("the import-areas command, run on the server by its operator")
def area_import_geojson_by_operator(
    *,
    data: bytes | str | dict[str, Any],
    kind: str,
    name_field: str,
    code_field: str,
    population_field: str | None = None,
    population_year: int | None = None,
    crs: str | None = None,
    update_existing: bool = True,
) -> ImportResult:
    """``area_import_geojson`` for the command line."""
    return _import_geojson(
        data=data,
        kind=kind,
        name_field=name_field,
        code_field=code_field,
        population_field=population_field,
        population_year=population_year,
        crs=crs,
        update_existing=update_existing,
    )


def _import_geojson(
    *,
    data: bytes | str | dict[str, Any],
    kind: str,
    name_field: str,
    code_field: str,
    population_field: str | None = None,
    population_year: int | None = None,
    crs: str | None = None,
    update_existing: bool = True,
) -> ImportResult:
    file_problems: list[FeatureProblem] = []
    if kind not in AreaKind.values:
        file_problems.append(FeatureProblem(None, _("Unknown kind “%(kind)s”.") % {"kind": kind}))
    if not name_field or not code_field:
        file_problems.append(
            FeatureProblem(None, _("Give the property names of the name and the code."))
        )
    if population_field and population_year is None:
        file_problems.append(FeatureProblem(None, _("Give the year of the population figures.")))
    if population_year is not None and not MIN_YEAR <= population_year <= MAX_YEAR:
        file_problems.append(
            FeatureProblem(
                None,
                _("The population year %(year)s is not plausible.") % {"year": population_year},
            )
        )
    if file_problems:
        raise AreaImportRefused(file_problems)
    try:
        read = geo.read_feature_collection(data, crs=crs)
    except GeometryRefused as exc:
        raise AreaImportRefused([FeatureProblem(None, str(exc))]) from exc

    _check_fields_present(read, name_field, code_field, population_field)
    problems = list(read.problems)
    rows: list[tuple[geo.Feature, str, str, int | None]] = []
    first_code: dict[str, int] = {}
    first_name: dict[str, int] = {}
    for feature in read.features:
        row_problems: list[str] = []
        name = _text_property(feature.properties, name_field, NAME_MAX, row_problems)
        code = _text_property(feature.properties, code_field, CODE_MAX, row_problems)
        population = None
        if population_field:
            population = _population_property(feature.properties, population_field, row_problems)
        if code and code in first_code:
            row_problems.append(
                _("code “%(code)s” is also used by feature %(other)d.")
                % {"code": code, "other": first_code[code]}
            )
        if name and name.casefold() in first_name:
            row_problems.append(
                _("name “%(name)s” is also used by feature %(other)d.")
                % {"name": name, "other": first_name[name.casefold()]}
            )
        first_code.setdefault(code, feature.number)
        first_name.setdefault(name.casefold(), feature.number)
        problems.extend(FeatureProblem(feature.number, p) for p in row_problems)
        if not row_problems:
            rows.append((feature, name, code, population))

    existing = {a.code: a for a in Area.objects.filter(code__in=[r[2] for r in rows])}
    taken_names = {
        name.casefold(): code
        for name, code in Area.objects.filter(kind=kind)
        .exclude(code__in=list(first_code))
        .values_list("name", "code")
    }
    for feature, name, code, _population in rows:
        area = existing.get(code)
        if area is not None and not update_existing:
            problems.append(
                FeatureProblem(
                    feature.number,
                    _("an area with code “%(code)s” already exists.") % {"code": code},
                )
            )
        elif area is not None and area.kind != kind:
            problems.append(
                FeatureProblem(
                    feature.number,
                    _("code “%(code)s” belongs to the area %(name)s of another kind (%(kind)s).")
                    % {"code": code, "name": area.name, "kind": area.get_kind_display()},
                )
            )
        if name.casefold() in taken_names:
            problems.append(
                FeatureProblem(
                    feature.number,
                    _("name “%(name)s” is already used by the area with code “%(code)s”.")
                    % {"name": name, "code": taken_names[name.casefold()]},
                )
            )
    if problems:
        problems.sort(key=lambda p: p.number or 0)
        raise AreaImportRefused(problems)

    result = ImportResult(crs=read.crs, crs_source=read.crs_source)
    changed: list[int] = []
    with transaction.atomic():
        for feature, name, code, population in rows:
            area = existing.get(code)
            fields = _geometry_fields(feature.geometry)
            if area is None:
                area = Area.objects.create(name=name, code=code, kind=kind, **fields)
                result.created.append(area)
                changed.append(area.pk)
            else:
                geometry_changed = bytes(area.geometry_3006) != fields["geometry_3006"]
                if geometry_changed or area.name != name:
                    area.name = name
                    for key, value in fields.items():
                        setattr(area, key, value)
                    area.save()
                    result.updated.append(area)
                    if geometry_changed:
                        changed.append(area.pk)
                else:
                    result.unchanged.append(area)
            if population is not None and population_year is not None:
                set_population(area, population_year, population)
            if feature.geometry.repair:
                result.repairs.append(FeatureProblem(feature.number, feature.geometry.repair))
        notify_area_changed(changed)
    return result


def area_create(
    *,
    actor: Actor,
    name: str,
    code: str,
    kind: str,
    geometry: Geometry | dict[str, Any] | str | bytes,
    crs: str | None = None,
    population: int | None = None,
    population_year: int | None = None,
) -> Area:
    """One area from a drawn polygon or an uploaded GeoJSON geometry (EPSG:4326 or 3006)."""
    require_capability(actor, "areas.manage")
    name, code = name.strip(), code.strip()
    errors = _check_area(name=name, code=code, kind=kind, exclude_pk=None)
    errors.update(_check_population(population, population_year))
    parsed = _parse_geometry(geometry, crs, errors)
    if errors:
        raise ValidationError(errors)
    assert parsed is not None
    with transaction.atomic():
        area = Area.objects.create(name=name, code=code, kind=kind, **_geometry_fields(parsed))
        if population is not None and population_year is not None:
            set_population(area, population_year, population)
        notify_area_changed([area.pk])
    return area


def area_update(
    *,
    actor: Actor,
    area: Area,
    name: str,
    code: str,
    kind: str,
    geometry: Geometry | dict[str, Any] | str | bytes | None = None,
    crs: str | None = None,
    population: int | None = None,
    population_year: int | None = None,
) -> Area:
    """Change an area; ``geometry=None`` keeps its geometry. A population with its year
    adds (or corrects) that year's figure."""
    require_capability(actor, "areas.manage")
    name, code = name.strip(), code.strip()
    errors = _check_area(name=name, code=code, kind=kind, exclude_pk=area.pk)
    errors.update(_check_population(population, population_year))
    parsed = _parse_geometry(geometry, crs, errors) if geometry is not None else None
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        area.name, area.code, area.kind = name, code, kind
        geometry_changed = False
        if parsed is not None:
            fields = _geometry_fields(parsed)
            geometry_changed = bytes(area.geometry_3006) != fields["geometry_3006"]
            for key, value in fields.items():
                setattr(area, key, value)
        area.save()
        if population is not None and population_year is not None:
            set_population(area, population_year, population)
        if geometry_changed:
            notify_area_changed([area.pk])
    return area


def area_delete(*, actor: Actor, area: Area) -> None:
    require_capability(actor, "areas.manage")
    with transaction.atomic():
        notify_area_changed([area.pk])
        area.delete()


def area_population_set(*, actor: Actor, area: Area, year: int, population: int) -> AreaPopulation:
    """Add or correct one year's population; the area keeps its latest year's figure."""
    require_capability(actor, "areas.manage")
    errors = _check_population(population, year)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return set_population(area, year, population)


def _geometry_fields(geometry: Geometry) -> dict[str, Any]:
    sweref = geometry.sweref
    min_x, min_y, max_x, max_y = (float(v) for v in sweref.bounds)
    return {
        "geometry": geometry.geojson(),
        "display_geometry": geometry.display_geojson(),
        "geometry_3006": sweref.wkb,
        "min_x": min_x,
        "min_y": min_y,
        "max_x": max_x,
        "max_y": max_y,
        "area_km2": float(sweref.area) / 1e6,
    }


def _parse_geometry(
    geometry: Geometry | dict[str, Any] | str | bytes, crs: str | None, errors: dict[str, Any]
) -> Geometry | None:
    if isinstance(geometry, Geometry):
        return geometry
    try:
        return geo.read_geometry(geometry, crs=crs)
    except GeometryRefused as exc:
        message = str(exc)
        errors["geometry"] = message[:1].upper() + message[1:]
        return None


def _check_area(*, name: str, code: str, kind: str, exclude_pk: int | None) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if not name:
        errors["name"] = _("Give a name.")
    elif len(name) > NAME_MAX:
        errors["name"] = _("At most %(max)d characters.") % {"max": NAME_MAX}
    if not code:
        errors["code"] = _("Give a code.")
    elif len(code) > CODE_MAX or any(c.isspace() or not c.isprintable() for c in code):
        errors["code"] = _("At most %(max)d characters, without spaces.") % {"max": CODE_MAX}
    if kind not in AreaKind.values:
        errors["kind"] = _("Choose a kind.")
    others = Area.objects.exclude(pk=exclude_pk) if exclude_pk else Area.objects.all()
    if "code" not in errors and others.filter(code=code).exists():
        errors["code"] = _("Another area already has this code.")
    if "name" not in errors and others.filter(kind=kind, name__iexact=name).exists():
        errors["name"] = _("Another area of this kind already has this name.")
    return errors


def _check_population(population: int | None, year: int | None) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if population is not None and population < 0:
        errors["population"] = _("The population cannot be negative.")
    if population is not None and year is None:
        errors["population_year"] = _("Give the year of the population figure.")
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        errors["population_year"] = _("Give a year between %(min)d and %(max)d.") % {
            "min": MIN_YEAR,
            "max": MAX_YEAR,
        }
    return errors


def _check_fields_present(
    read: geo.ReadResult, name_field: str, code_field: str, population_field: str | None
) -> None:
    available: set[str] = set()
    for feature in read.features:
        available.update(feature.properties)
    missing = [
        f for f in (name_field, code_field, population_field or "") if f and f not in available
    ]
    if missing and read.features:
        raise AreaImportRefused(
            [
                FeatureProblem(
                    None,
                    _(
                        "No feature has the property %(missing)s. Properties in the file: "
                        "%(available)s."
                    )
                    % {
                        "missing": quoted_list(missing),
                        "available": quoted_list(sorted(available)) or "—",
                    },
                )
            ]
        )


def _text_property(props: dict[str, Any], key: str, max_length: int, problems: list[str]) -> str:
    value = props.get(key)
    if isinstance(value, bool) or not isinstance(value, str | int):
        if value is None or value == "":
            problems.append(_("property “%(field)s” is missing or empty.") % {"field": key})
        else:
            problems.append(
                _("property “%(field)s” must be text or a whole number.") % {"field": key}
            )
        return ""
    text = str(value).strip()
    if not text:
        problems.append(_("property “%(field)s” is missing or empty.") % {"field": key})
    elif len(text) > max_length:
        problems.append(
            _("property “%(field)s” is longer than %(max)d characters.")
            % {"field": key, "max": max_length}
        )
    return text


def _population_property(props: dict[str, Any], key: str, problems: list[str]) -> int | None:
    value = props.get(key)
    if value is None or value == "":
        return None
    number = parse_count(value)
    if number is None:
        problems.append(
            _("property “%(field)s” (“%(value)s”) is not a whole number of inhabitants.")
            % {"field": key, "value": value}
        )
    return number
