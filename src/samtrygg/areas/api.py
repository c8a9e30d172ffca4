"""API: areas and places (read-only reference data for every member with ``areas.view``).

``/api/v1/areas/`` and ``/api/v1/places/`` list as JSON (paginated) or, with
``?format=geojson`` (or ``/api/v1/areas.geojson``), as one GeoJSON FeatureCollection in
EPSG:4326 with the same filters and no pagination.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import django_filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, renderers, serializers, viewsets
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

    def _collection(self, queryset: Any) -> dict[str, Any]:
        raise NotImplementedError

    def _feature(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self._wants_geojson(request):
            queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
            return Response(self._collection(queryset))
        return super().list(request, *args, **kwargs)  # type: ignore[misc]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self._wants_geojson(request):
            return Response(self._feature(self.get_object()))  # type: ignore[attr-defined]
        return super().retrieve(request, *args, **kwargs)  # type: ignore[misc]


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
