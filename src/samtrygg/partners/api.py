"""API: the partner register and the dialogue, read-only, filtered like the pages.

``/api/v1/partners/`` the partners the user may see (the register for the coordinator,
analysts, council members and the police; a partner's login its own partner) — never their
contact persons; ``/api/v1/partners-contributions/`` the contributions (filter by kind,
source, partner, area code, focus area code, ``given_from``/``given_to``);
``/api/v1/partners-recommendations/`` the forum's recommendations with the council's
response (filter by response). Everyone else gets empty lists.
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.routers import BaseRouter

from samtrygg.partners import selectors
from samtrygg.partners.models import Contribution, Partner, Recommendation


class PartnerSerializer(serializers.ModelSerializer):
    areas: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    focus_areas: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Partner
        fields = [
            "id",
            "name",
            "kind",
            "organisation_number",
            "areas",
            "focus_areas",
            "takes_part_in_dialogue",
            "is_active",
        ]


class ContributionSerializer(serializers.ModelSerializer):
    area: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    focus_area: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    theme = serializers.CharField(source="theme.title", read_only=True, default=None)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "source",
            "partner",
            "meeting",
            "theme",
            "kind",
            "title",
            "text",
            "area",
            "focus_area",
            "given_on",
        ]


class RecommendationSerializer(serializers.ModelSerializer):
    to_council: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    decision = serializers.CharField(
        source="decision.reference",
        read_only=True,
        default=None,
        help_text="The council's decision it became (its reference), when accepted as one.",
    )
    agenda_meeting_date = serializers.SerializerMethodField(
        help_text="The day of the council meeting whose agenda it was put on."
    )

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "meeting",
            "to_council",
            "title",
            "text",
            "contributions",
            "response",
            "reason",
            "responded_on",
            "decision",
            "agenda_meeting_date",
        ]

    def get_agenda_meeting_date(self, obj: Recommendation) -> date | None:
        return obj.agenda_item.meeting.first_day if obj.agenda_item else None


class PartnerViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PartnerSerializer
    filterset_fields = ["kind", "is_active"]

    def get_queryset(self) -> QuerySet[Partner]:
        return selectors.partner_list(user=self.request.user).order_by("name", "pk")


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError({name: "YYYY-MM-DD"}) from None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("area", OpenApiTypes.STR, description="An area's code."),
            OpenApiParameter("focus_area", OpenApiTypes.STR, description="A focus area's code."),
            OpenApiParameter("given_from", OpenApiTypes.DATE),
            OpenApiParameter("given_to", OpenApiTypes.DATE),
        ]
    )
)
class ContributionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ContributionSerializer
    filterset_fields = ["kind", "source", "partner", "meeting"]

    def get_queryset(self) -> QuerySet[Contribution]:
        params = self.request.query_params
        qs = selectors.contribution_list(
            user=self.request.user,
            where=selectors.ContributionFilter(
                given_from=_day(params.get("given_from"), "given_from"),
                given_to=_day(params.get("given_to"), "given_to"),
            ),
        )
        if params.get("area"):
            qs = qs.filter(area__code=params["area"])
        if params.get("focus_area"):
            qs = qs.filter(focus_area__code=params["focus_area"])
        return qs.order_by("-given_on", "-pk")


class RecommendationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RecommendationSerializer
    filterset_fields = ["response", "meeting"]

    def get_queryset(self) -> QuerySet[Recommendation]:
        return selectors.recommendation_list(user=self.request.user).prefetch_related(
            "contributions"
        )


def register(router: BaseRouter) -> None:
    router.register("partners", PartnerViewSet, basename="partners-partner")
    router.register("partners-contributions", ContributionViewSet, basename="partners-contribution")
    router.register(
        "partners-recommendations", RecommendationViewSet, basename="partners-recommendation"
    )
