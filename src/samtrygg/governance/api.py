"""API: meetings and decisions, read-only, filtered like the pages.

``/api/v1/governance/meetings/`` lists the meetings of the councils the user sits on (all
for the coordinator); ``/api/v1/governance/decisions/`` the decisions the user may see:
those of the user's councils and those the user or the user's organisations own.
``?overdue=true`` on decisions gives the overdue list.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.routers import BaseRouter

from samtrygg.core.text import parse_boolean
from samtrygg.governance import selectors
from samtrygg.governance.ical import meeting_uid
from samtrygg.governance.models import Decision, Meeting


class MeetingSerializer(serializers.ModelSerializer):
    council: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    uid = serializers.SerializerMethodField(help_text="The iCalendar UID of the meeting.")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "council",
            "title",
            "starts_at",
            "ends_at",
            "all_day",
            "location",
            "status",
            "is_public",
            "uid",
            "sequence",
        ]

    def get_uid(self, obj: Meeting) -> str:
        return meeting_uid(obj)


class DecisionSerializer(serializers.ModelSerializer):
    council = serializers.CharField(source="meeting.council.slug", read_only=True)
    # A decision is owned by an organisation, a user or both: either may be null.
    owner_organisation: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    owner_user: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "council",
            "meeting",
            "number",
            "reference",
            "title",
            "text",
            "rationale",
            "owner_organisation",
            "owner_user",
            "due_date",
            "status",
            "closed_on",
            "overdue",
        ]

    def get_overdue(self, obj: Decision) -> bool:
        return obj.is_overdue(self.context.get("today"))


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MeetingSerializer
    filterset_fields = ["status", "council__slug", "is_public"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.meeting_list(user=self.request.user).order_by("starts_at", "pk")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "overdue", bool, description="Only decisions past their due date and not closed."
            )
        ]
    )
)
class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DecisionSerializer
    filterset_fields = ["status", "meeting__council__slug", "meeting"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        raw = self.request.query_params.get("overdue")
        try:
            overdue = bool(parse_boolean(raw))
        except ValueError:
            raise ValidationError({"overdue": [_("Must be true or false.")]}) from None
        return selectors.decision_list(user=self.request.user, overdue=overdue).order_by(
            "meeting__starts_at", "number", "pk"
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "today": timezone.localdate()}


def register(router: BaseRouter) -> None:
    router.register("governance/meetings", MeetingViewSet, basename="governance-meeting")
    router.register("governance/decisions", DecisionViewSet, basename="governance-decision")
