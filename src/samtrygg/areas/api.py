"""API: areas and places (read-only reference data for every member with ``areas.view``).

``/api/v1/areas/`` and ``/api/v1/places/`` list as JSON (paginated) or, with
``?format=geojson`` (or ``/api/v1/areas.geojson``), as one GeoJSON FeatureCollection in
EPSG:4326 with the same filters and no pagination.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from typing import Any

import django_filters
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import permissions, renderers, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from samtrygg.areas import selectors
from samtrygg.areas.models import Area, AreaKind, AreaPopulation, Place
from samtrygg.core.permissions import permissions_for


class GeoJSONRenderer(renderers.BaseRenderer):
    media_type = "application/geo+json"
    format = "geojson"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


class CanViewAreas(permissions.BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return permissions_for(request.user).can("areas.view")


class AreaPopulationSerializer(serializers.ModelSerializer):
    class Meta:
        model = AreaPopulation
        fields = ["year", "population"]


#: An enum, so that clients (and schemathesis) know the values a filter accepts; it is named
#: AreaKindEnum in SPECTACULAR_SETTINGS, since other apps also have a ``kind``.
KIND_SCHEMA = {"type": "string", "enum": list(AreaKind.values)}


@extend_schema_field(KIND_SCHEMA)
class AreaKindField(serializers.CharField):
    pass


@extend_schema_field(KIND_SCHEMA)
class AreaKindFilter(django_filters.ChoiceFilter):
    pass


class AreaFilter(django_filters.FilterSet):
    kind = AreaKindFilter(choices=AreaKind.choices)

    class Meta:
        model = Area
        fields = ["kind", "code"]


class AreaSerializer(serializers.ModelSerializer):
    kind = AreaKindField(read_only=True)

    class Meta:
        model = Area
        fields = [
            "id",
            "name",
            "code",
            "kind",
            "population",
            "population_year",
            "area_km2",
            "min_x",
            "min_y",
            "max_x",
            "max_y",
        ]


class AreaDetailSerializer(AreaSerializer):
    populations = AreaPopulationSerializer(many=True, read_only=True)

    class Meta(AreaSerializer.Meta):
        fields = [*AreaSerializer.Meta.fields, "populations", "geometry"]


def _feature_schema(properties: dict[str, Any], geometry: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "integer"},
            "geometry": geometry,
            "properties": {"type": "object", "properties": properties},
        },
        "required": ["type", "id", "geometry", "properties"],
    }


def _collection_schema(feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": feature},
        },
        "required": ["type", "features"],
    }


#: The ``?format=geojson`` answers (areas/selectors.py area_feature, place_feature): EPSG:4326.
_POLYGON = {
    "type": "object",
    "description": "A GeoJSON Polygon or MultiPolygon (EPSG:4326, lon/lat).",
    "properties": {
        "type": {"type": "string", "enum": ["Polygon", "MultiPolygon"]},
        "coordinates": {"type": "array"},
    },
    "required": ["type", "coordinates"],
}
_POINT = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2},
    },
    "required": ["type", "coordinates"],
}
AREA_FEATURE = _feature_schema(
    {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "code": {"type": "string"},
        "kind": KIND_SCHEMA,
        "population": {"type": "integer", "nullable": True},
        "population_year": {"type": "integer", "nullable": True},
        "area_km2": {"type": "number"},
    },
    _POLYGON,
)
PLACE_FEATURE = _feature_schema(
    {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "radius_m": {"type": "integer", "nullable": True},
    },
    _POINT,
)


class GeoJSONDocument(serializers.Serializer):
    """Documentation only: a ``?format=geojson`` answer, its OpenAPI schema in ``schema``."""

    schema: dict[str, Any] = {}


class GeoJSONDocumentExtension(OpenApiSerializerExtension):
    target_class = GeoJSONDocument
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        # A copy: the enum post-processing hook rewrites the schema it is given in place.
        return copy.deepcopy(self.target.schema)  # type: ignore[no-any-return]


@extend_schema_serializer(many=False)
class AreaFeatureCollection(GeoJSONDocument):
    schema = _collection_schema(AREA_FEATURE)


class AreaFeature(GeoJSONDocument):
    schema = AREA_FEATURE


@extend_schema_serializer(many=False)
class PlaceFeatureCollection(GeoJSONDocument):
    schema = _collection_schema(PLACE_FEATURE)


class PlaceFeature(GeoJSONDocument):
    schema = PLACE_FEATURE


def _geojson_schema(serializer: Any, detail: Any, collection: Any, feature: Any) -> Any:
    """The list and detail answers as JSON (the serializers) and as GeoJSON."""
    return extend_schema_view(
        list=extend_schema(
            responses={
                (200, "application/json"): serializer,
                (200, "application/geo+json"): OpenApiResponse(
                    response=collection,
                    description="?format=geojson: every match as one FeatureCollection, "
                    "not paginated.",
                ),
            }
        ),
        retrieve=extend_schema(
            responses={
                (200, "application/json"): detail,
                (200, "application/geo+json"): OpenApiResponse(
                    response=feature, description="?format=geojson: one Feature."
                ),
            }
        ),
    )


class GeoJSONMixin:
    """Answer ``?format=geojson`` with a FeatureCollection (list) or a Feature (detail)."""

    renderer_classes: Sequence[type[renderers.BaseRenderer]] = [
        renderers.JSONRenderer,
        renderers.BrowsableAPIRenderer,
        GeoJSONRenderer,
    ]

    def _wants_geojson(self, request: Request) -> bool:
        renderer = getattr(request, "accepted_renderer", None)
        return getattr(renderer, "format", None) == "geojson"

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # A refusal or an error is {"detail": …}, not GeoJSON: it goes out as JSON.
        failed = status.is_client_error(response.status_code) or status.is_server_error(
            response.status_code
        )
        if failed and self._wants_geojson(request):
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = request.accepted_renderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]

    def _collection(self, queryset: Any) -> dict[str, Any]:
        raise NotImplementedError

    def _feature(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self._wants_geojson(request):
            # Not paginated, but a bad limit or offset is still a 400, not ignored.
            paginator = self.paginator  # type: ignore[attr-defined]
            paginator.get_limit(request)
            paginator.get_offset(request)
            queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
            return Response(self._collection(queryset))
        return super().list(request, *args, **kwargs)  # type: ignore[misc]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self._wants_geojson(request):
            return Response(self._feature(self.get_object()))  # type: ignore[attr-defined]
        return super().retrieve(request, *args, **kwargs)  # type: ignore[misc]


@_geojson_schema(AreaSerializer, AreaDetailSerializer, AreaFeatureCollection, AreaFeature)
class AreaViewSet(GeoJSONMixin, viewsets.ReadOnlyModelViewSet):
    """Areas: districts, DeSO/RegSO, police areas, vulnerable areas, custom areas."""

    permission_classes = [permissions.IsAuthenticated, CanViewAreas]
    filterset_class = AreaFilter

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return AreaDetailSerializer if self.action == "retrieve" else AreaSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        with_geometry = self.action == "retrieve" or self._wants_geojson(self.request)
        qs = selectors.area_list(user=self.request.user, with_geometry=with_geometry)
        if self.action == "retrieve":
            qs = qs.prefetch_related("populations")
        return qs

    def _collection(self, queryset: Any) -> dict[str, Any]:
        return selectors.area_feature_collection(queryset)

    def _feature(self, obj: Any) -> dict[str, Any]:
        return selectors.area_feature(obj)


class PlaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["id", "name", "description", "lon", "lat", "x", "y", "radius_m"]


@_geojson_schema(PlaceSerializer, PlaceSerializer, PlaceFeatureCollection, PlaceFeature)
class PlaceViewSet(GeoJSONMixin, viewsets.ReadOnlyModelViewSet):
    """Named places of concern: a point (EPSG:4326 and EPSG:3006) and an optional radius."""

    permission_classes = [permissions.IsAuthenticated, CanViewAreas]
    serializer_class = PlaceSerializer
    filterset_fields = ["name"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.place_list(user=self.request.user).order_by("name")

    def _collection(self, queryset: Any) -> dict[str, Any]:
        return selectors.place_feature_collection(queryset)

    def _feature(self, obj: Any) -> dict[str, Any]:
        return selectors.place_feature(obj)


def register(router: BaseRouter) -> None:
    router.register("areas", AreaViewSet, basename="area")
    router.register("places", PlaceViewSet, basename="place")
