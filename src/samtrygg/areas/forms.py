"""Forms for areas, their populations and places. They parse input; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.areas import geo
from samtrygg.areas.models import AreaKind

MAX_UPLOAD_BYTES = 50 * 1024 * 1024

CRS_CHOICES = [
    ("", _("Detect (from the file or its coordinates)")),
    (geo.WGS84, _("EPSG:4326 – WGS 84, longitude/latitude")),
    (geo.SWEREF99TM, _("EPSG:3006 – SWEREF 99 TM, metres")),
]


def _read_upload(upload: Any) -> bytes:
    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(max)d MB.") % {"max": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    data: bytes = upload.read()
    return data


class CoordinateField(forms.FloatField):
    """Accepts a decimal comma too (Swedish keyboards); renders with a point."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class AreaImportForm(forms.Form):
    file = forms.FileField(
        label=_("GeoJSON file"),
        help_text=_("A FeatureCollection of polygons in EPSG:4326 or EPSG:3006."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=AreaKind.choices)
    name_field = forms.CharField(label=_("Property with the name"), max_length=100, initial="name")
    code_field = forms.CharField(
        label=_("Property with the code"),
        max_length=100,
        initial="code",
        help_text=_("A unique code per area. A later import with the same code updates it."),
    )
    population_field = forms.CharField(
        label=_("Property with the population"), max_length=100, required=False
    )
    population_year = forms.IntegerField(
        label=_("Year of the population figures"), required=False, min_value=1900, max_value=2100
    )
    crs = forms.ChoiceField(label=_("Coordinate system"), choices=CRS_CHOICES, required=False)
    update_existing = forms.BooleanField(
        label=_("Update areas whose code already exists"), required=False, initial=True
    )

    def clean_file(self) -> bytes:
        return _read_upload(self.cleaned_data["file"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("population_field") and data.get("population_year") is None:
            self.add_error("population_year", _("Give the year of the population figures."))
        return data


class AreaForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.CharField(
        label=_("Code"),
        max_length=60,
        help_text=_("Short and unique, e.g. district-backby; used by imports."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=AreaKind.choices)
    population = forms.IntegerField(label=_("Population"), required=False, min_value=0)
    population_year = forms.IntegerField(
        label=_("Population year"), required=False, min_value=1900, max_value=2100
    )
    geometry = forms.CharField(
        label=_("Polygon drawn on the map"), required=False, widget=forms.HiddenInput
    )
    geometry_file = forms.FileField(
        label=_("…or a GeoJSON file"),
        required=False,
        help_text=_("One Polygon or MultiPolygon (geometry, Feature or FeatureCollection of one)."),
    )
    crs = forms.ChoiceField(
        label=_("Coordinate system of the file"), choices=CRS_CHOICES, required=False
    )

    def __init__(self, *args: Any, require_geometry: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.require_geometry = require_geometry
        self.parsed_geometry: geo.Geometry | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("population") is not None and data.get("population_year") is None:
            self.add_error("population_year", _("Give the year of the population figure."))
        upload = data.get("geometry_file")
        drawn = (data.get("geometry") or "").strip()
        source: bytes | str | None = None
        field = "geometry_file"
        if upload:
            try:
                source = _read_upload(upload)
            except forms.ValidationError as exc:
                self.add_error("geometry_file", exc)
                return data
        elif drawn:
            source, field = drawn, "geometry"
        if source is None:
            if self.require_geometry:
                self.add_error("geometry", _("Draw the area on the map or upload a GeoJSON file."))
            return data
        try:
            self.parsed_geometry = geo.read_geometry(
                source, crs=data.get("crs") if field == "geometry_file" else geo.WGS84
            )
        except geo.GeometryRefused as exc:
            message = str(exc)
            self.add_error(field, message[:1].upper() + message[1:])
        return data


class PopulationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns area_code,year,population with a header row."),
    )

    def clean_file(self) -> bytes:
        return _read_upload(self.cleaned_data["file"])


class PlaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lat = CoordinateField(
        label=_("Latitude"), help_text=_("Click on the map, or type it (e.g. 59.6099).")
    )
    lon = CoordinateField(label=_("Longitude"), help_text=_("E.g. 16.5448."))
    radius_m = forms.IntegerField(
        label=_("Radius (m)"),
        required=False,
        min_value=1,
        max_value=50_000,
        help_text=_("Optional: how far around the point the place reaches."),
    )
