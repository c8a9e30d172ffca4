from django.contrib import admin

from samtrygg.governance.models import (
    AgendaAttachment,
    AgendaItem,
    Attendance,
    Council,
    CouncilSeat,
    Decision,
    DecisionNote,
    FocusArea,
    GeneratedDocument,
    Goal,
    GoalProgressNote,
    Meeting,
)


class SeatInline(admin.TabularInline):
    model = CouncilSeat
    extra = 0
    raw_id_fields = ["user", "organisation"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "kind",
        "meetings_per_year_min",
        "meetings_per_year_max",
        "is_active",
    ]
    exclude = ["feed_token"]
    inlines = [SeatInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "kind", "title", "presenter"]
    readonly_fields = ["kind"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["council", "starts_at", "title", "status", "is_public", "sequence"]
    list_filter = ["council", "status", "is_public"]
    readonly_fields = ["uid", "sequence"]
    inlines = [AgendaItemInline]


class DecisionNoteInline(admin.TabularInline):
    model = DecisionNote
    extra = 0


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "number", "owner_organisation", "due_date", "status"]
    list_filter = ["status", "meeting__council"]
    search_fields = ["title", "text"]
    inlines = [DecisionNoteInline]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "is_active"]


class ProgressInline(admin.TabularInline):
    model = GoalProgressNote
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["statement", "council", "focus_area", "target_date", "status"]
    list_filter = ["council", "focus_area", "status"]
    inlines = [ProgressInline]


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "version", "size", "created_at"]
    exclude = ["pdf"]
    readonly_fields = [
        "kind",
        "council",
        "meeting",
        "period_start",
        "period_end",
        "subject",
        "version",
        "title",
        "size",
        "sha256",
        "created_by",
    ]


admin.site.register(Attendance)
admin.site.register(AgendaAttachment)
