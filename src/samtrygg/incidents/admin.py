"""Admin for reference data and imports. Incidents are deliberately not here: every read
of a restricted incident must go through the resolver and the access log (the web pages)."""

from django.contrib import admin

from samtrygg.incidents.models import (
    Category,
    FeedItem,
    FeedRequest,
    FeedSource,
    ImportJob,
    PoliceTypeMapping,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name_sv",
        "name_en",
        "group",
        "harm_weight",
        "near_repeat",
        "is_active",
    ]
    list_filter = ["group", "near_repeat", "is_active"]
    search_fields = ["code", "name_sv", "name_en"]


@admin.register(PoliceTypeMapping)
class PoliceTypeMappingAdmin(admin.ModelAdmin):
    list_display = ["police_type", "action", "category"]
    list_filter = ["action"]
    search_fields = ["police_type"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "original_name",
        "source",
        "status",
        "created_count",
        "rejected_count",
    ]
    list_filter = ["status", "format"]


@admin.register(FeedSource)
class FeedSourceAdmin(admin.ModelAdmin):
    list_display = ["location", "organisation", "is_active", "last_fetched_at", "next_run_at"]


@admin.register(FeedItem)
class FeedItemAdmin(admin.ModelAdmin):
    list_display = ["police_id", "published_at", "police_type", "municipality", "is_summary"]
    list_filter = ["is_summary", "police_type"]
    search_fields = ["police_id", "municipality"]


@admin.register(FeedRequest)
class FeedRequestAdmin(admin.ModelAdmin):
    list_display = ["at", "url", "status_code", "item_count", "new_count", "error"]
