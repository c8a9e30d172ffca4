"""Admin: the reference data (methods) editable; everything else read-only here, edited
through the pages (which run the services' checks). Evaluation results are never
changed or deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from samtrygg.actionplan.models import (
    ActionPlan,
    Agreement,
    CitizenPromise,
    EvaluationRun,
    Indicator,
    Intervention,
    Method,
)


@admin.register(Method)
class MethodAdmin(admin.ModelAdmin):
    list_display = ("name_sv", "name_en", "code", "is_active", "order")
    list_filter = ("is_active",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EvaluationRun)
class EvaluationRunAdmin(ReadOnlyAdmin):
    list_display = ("title", "intervention", "created_at", "created_by")
    date_hierarchy = "created_at"


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ("title", "period_start", "period_end")


@admin.register(Intervention)
class InterventionAdmin(ReadOnlyAdmin):
    list_display = ("title", "status", "owner", "start_date", "end_date")
    list_filter = ("status",)


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "kind", "goal")
    list_filter = ("kind",)


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ("title", "signed_date", "period_start", "period_end")


@admin.register(CitizenPromise)
class CitizenPromiseAdmin(ReadOnlyAdmin):
    list_display = ("title", "status", "is_public", "period_start", "period_end")
