"""Admin: reports are edited in the pages (services enforce the rules); published versions,
their images, withdrawals and events are read-only everywhere."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from samtrygg.situation.models import (
    ReportEvent,
    SituationReport,
    SituationVersion,
    VersionAsset,
    VersionWithdrawal,
    WeeklyNote,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SituationReport)
class SituationReportAdmin(ReadOnlyAdmin):
    list_display = ("title", "period_start", "period_end", "status")
    list_filter = ("status", "period_kind")
    exclude = ("figures", "public_figures")


@admin.register(SituationVersion)
class SituationVersionAdmin(ReadOnlyAdmin):
    list_display = ("title", "number", "period_start", "period_end", "published_at")
    exclude = ("figures", "public")


@admin.register(VersionAsset)
class VersionAssetAdmin(ReadOnlyAdmin):
    list_display = ("version", "name", "content_type")
    exclude = ("data",)


@admin.register(VersionWithdrawal)
class VersionWithdrawalAdmin(ReadOnlyAdmin):
    list_display = ("version", "at", "by", "reason")


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "report", "username", "action", "outcome")
    list_filter = ("action", "outcome")


@admin.register(WeeklyNote)
class WeeklyNoteAdmin(ReadOnlyAdmin):
    list_display = ("week_start", "author", "updated_at")
