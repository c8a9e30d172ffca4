"""API (read-only), filtered like the pages.

``/api/v1/interventions/`` — the interventions the user may see (the plan's readers see
all; a partner organisation the ones it runs or joins); ``/api/v1/indicators/`` — the
indicators with their values (computed ones in the user's data scope) and status;
``/api/v1/evaluations/`` — the stored evaluation results of the visible interventions.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.routers import BaseRouter

from samtrygg.actionplan import selectors
from samtrygg.actionplan.models import EvaluationRun, Indicator, Intervention


class InterventionSerializer(serializers.ModelSerializer):
    owner: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    partners: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    focus_areas: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    areas: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    method = serializers.CharField(source="method.code", read_only=True, default=None)
    decisions: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    goals: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )

    class Meta:
        model = Intervention
        fields = [
            "id",
            "plan",
            "title",
            "description",
            "focus_areas",
            "method",
            "problem",
            "mechanism",
            "expected_outcome",
            "owner",
            "partners",
            "areas",
            "start_date",
            "end_date",
            "status",
            "budget",
            "decisions",
            "goals",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    goal: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    focus_area = serializers.CharField(source="goal.focus_area.code", read_only=True)
    categories: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    areas: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    values = serializers.SerializerMethodField(
        help_text="Per series (area code, '' for none): year, value, count, population, n, "
        "partial (the current, incomplete year)."
    )
    status = serializers.SerializerMethodField(
        help_text="met, improving, unchanged, worsening, single, no_target or no_data."
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "goal",
            "focus_area",
            "kind",
            "measure",
            "direction",
            "categories",
            "areas",
            "first_year",
            "source",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "values",
            "status",
        ]

    def _view(self, obj: Indicator) -> Any:
        cache: dict[int, Any] = self.__dict__.setdefault("_views", {})
        if obj.pk not in cache:
            cache[obj.pk] = selectors.indicator_view(
                obj, user=self.context["request"].user, today=timezone.localdate()
            )
        return cache[obj.pk]

    @extend_schema_field(serializers.DictField())
    def get_values(self, obj: Indicator) -> dict[str, list[dict[str, Any]]]:
        return {
            series.key: [
                {
                    "year": p.year,
                    "value": p.value,
                    "count": p.count,
                    "population": p.population,
                    "n": p.n,
                    "partial": p.partial,
                }
                for p in series.points
            ]
            for series in self._view(obj).series
        }

    def get_status(self, obj: Indicator) -> str:
        return str(self._view(obj).status.code)


class EvaluationSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", read_only=True)

    class Meta:
        model = EvaluationRun
        fields = [
            "id",
            "intervention",
            "title",
            "created_at",
            "created_by",
            "before_start",
            "before_end",
            "after_start",
            "after_end",
            "parameters",
            "result",
            "data_scope",
        ]


class InterventionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InterventionSerializer
    filterset_fields = ["status", "plan", "method__code", "owner__code"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.intervention_list(user=self.request.user).prefetch_related(
            "partners", "decisions", "goals"
        )


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    filterset_fields = ["kind", "goal"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return (
            selectors.indicator_list(user=self.request.user)
            .prefetch_related("categories", "areas")
            .order_by("pk")
        )


class EvaluationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EvaluationSerializer
    filterset_fields = ["intervention"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.evaluation_list(user=self.request.user)


def register(router: BaseRouter) -> None:
    router.register("interventions", InterventionViewSet, basename="actionplan-intervention")
    router.register("indicators", IndicatorViewSet, basename="actionplan-indicator")
    router.register("evaluations", EvaluationViewSet, basename="actionplan-evaluation")
