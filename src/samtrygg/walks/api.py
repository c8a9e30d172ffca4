"""API (read-only), filtered like the pages.

``/api/v1/safety-walks/`` — the walks (staff who read walks); ``/api/v1/findings/`` — the
findings the user may see (staff all, an owner's members their own), each with ``status``,
``owner``, ``due_date``, ``declined_reason`` and ``walk``; filter by ``status``, ``owner``
(id), ``area`` (id) or ``area_code``, and ``walk``.
"""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.routers import BaseRouter

from samtrygg.core.apifilters import FilterSet, IdFilter
from samtrygg.walks import selectors
from samtrygg.walks.models import Finding, FindingStatus, SafetyWalk


class SafetyWalkSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area.code", read_only=True)
    organisers: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    partners: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    route = serializers.SerializerMethodField(
        help_text="The route as a GeoJSON LineString (EPSG:4326), or null."
    )
    participants = serializers.SerializerMethodField(
        help_text="Number of participants per group (no names are kept)."
    )

    class Meta:
        model = SafetyWalk
        fields = [
            "id",
            "title",
            "area",
            "walk_date",
            "time_of_day",
            "start_time",
            "weather",
            "light",
            "route",
            "participants",
            "organisers",
            "partners",
            "step",
            "preparation_on",
            "follow_up_on",
            "predecessor",
            "protocol_published_at",
        ]

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_route(self, obj: SafetyWalk) -> dict[str, Any] | None:
        return {"type": "LineString", "coordinates": obj.route} if obj.route else None

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_participants(self, obj: SafetyWalk) -> dict[str, int]:
        return {p.group: p.count for p in obj.participants.all()}


class OwnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organisation = serializers.CharField(source="organisation.code", default=None)


class FindingSerializer(serializers.ModelSerializer):
    owner = OwnerSerializer(read_only=True)
    area = serializers.CharField(source="area.code", read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id",
            "walk",
            "incident",
            "area",
            "lon",
            "lat",
            "address",
            "category",
            "cause",
            "proposal",
            "owner",
            "due_date",
            "status",
            "declined_reason",
            "reported_on",
            "fixed_on",
            "recheck",
            "rechecked_at_walk",
            "intervention",
        ]


class FindingFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=FindingStatus.choices)
    owner = IdFilter(field_name="owner_id")
    area = IdFilter(field_name="area_id")
    area_code = django_filters.CharFilter(field_name="area__code")
    walk = IdFilter(field_name="walk_id")

    class Meta:
        model = Finding
        fields = ["status", "owner", "area", "area_code", "walk"]


class SafetyWalkViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SafetyWalkSerializer
    filterset_fields = ["step", "area"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return (
            selectors.walk_list(user=self.request.user)
            .prefetch_related("organisers", "participants")
            .order_by("-walk_date", "pk")
        )


class FindingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FindingSerializer
    filterset_class = FindingFilter

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return (
            selectors.finding_list(user=self.request.user)
            .select_related("owner__organisation")
            .order_by("pk")
        )


def register(router: BaseRouter) -> None:
    router.register("safety-walks", SafetyWalkViewSet, basename="walks-walk")
    router.register("findings", FindingViewSet, basename="walks-finding")
