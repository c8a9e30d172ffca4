"""API: ``/api/v1/cases/`` — the actor's own cases by pseudonymous reference, and one case
without any identity (identities never go through the API). Read-only; every read is in the
access log. With ``CASES_OTP_REQUIRED`` only a session with a verified second factor gets
in: an API token is one factor, so it is refused here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from samtrygg.cases import selectors
from samtrygg.cases.models import Case, CaseTeamMember, Consent, Disclosure, RiskAssessment
from samtrygg.core.audit import access_log_record
from samtrygg.core.models import AccessAction
from samtrygg.core.permissions import permissions_for


class CaseRoles(permissions.BasePermission):
    message = "Case coordination: case workers and police with a verified second factor."

    def has_permission(self, request: Request, view: Any) -> bool:
        if not permissions_for(request.user).can("cases.use"):
            return False
        if not settings.CASES_OTP_REQUIRED:
            return True
        is_verified = getattr(request.user, "is_verified", None)
        return request.auth is None and bool(is_verified and is_verified())


class CaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Case
        fields = ["id", "reference", "programme", "status", "opened_on", "closed_on"]


class TeamMemberSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username")
    organisation = serializers.CharField(source="organisation.code")

    class Meta:
        model = CaseTeamMember
        fields = ["user", "organisation", "agency", "added_at"]


class ConsentSerializer(serializers.ModelSerializer):
    agencies = serializers.ListField(child=serializers.CharField(), read_only=True)
    valid_today = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = ["given_by", "given_on", "expires_on", "withdrawn_on", "agencies", "valid_today"]

    def get_valid_today(self, obj: Consent) -> bool:
        return obj.is_valid_on(timezone.localdate())


class DisclosureSerializer(serializers.ModelSerializer):
    basis = serializers.CharField(source="basis.code")

    class Meta:
        model = Disclosure
        fields = ["recipient_agency", "disclosed_on", "basis", "access_until"]


class RiskSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskAssessment
        fields = ["assessed_on", "overall", "threat_level"]


class CaseDetailSerializer(CaseSerializer):
    """Structure and dates only: no person, no identity, no free text."""

    organisation = serializers.CharField(source="organisation.code")
    coordinator = serializers.CharField(source="coordinator.username")
    team = serializers.SerializerMethodField()
    consents = ConsentSerializer(many=True, read_only=True)
    disclosures = DisclosureSerializer(many=True, read_only=True)
    risk_assessments = RiskSerializer(many=True, read_only=True)
    goals = serializers.IntegerField(source="goals.count", read_only=True)
    overdue_actions = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "organisation",
            "agency",
            "coordinator",
            "intake_reason",
            "outcome",
            "age_band",
            "plan_started_on",
            "legal_hold",
            "team",
            "consents",
            "disclosures",
            "risk_assessments",
            "goals",
            "overdue_actions",
        ]

    def get_team(self, obj: Case) -> list[dict[str, Any]]:
        members = obj.team.filter(removed_at__isnull=True).select_related("user", "organisation")
        return list(TeamMemberSerializer(members, many=True).data)

    def get_overdue_actions(self, obj: Case) -> int:
        return obj.actions.filter(done_on__isnull=True, due_on__lt=timezone.localdate()).count()


@extend_schema_view(
    list=extend_schema(
        summary="Your cases",
        description="The cases whose team you are on or whose programme you lead, by "
        "pseudonymous reference. Logged in the access log.",
    ),
    retrieve=extend_schema(
        summary="One case, without identities",
        description="Structure and dates of the case: team, consents by agency, disclosures "
        "with their legal basis, risk levels, the plan's size. No person, identity or free "
        "text. 404 for a case you may not open. Logged in the access log.",
    ),
)
class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.IsAuthenticated, CaseRoles]
    lookup_value_regex = r"\d+"
    filterset_fields = ["programme", "status"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return permissions_for(self.request.user).filter_viewable(
            Case.objects.select_related("organisation", "coordinator").order_by("-opened_on", "-pk")
        )

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return CaseDetailSerializer if self.action == "retrieve" else CaseSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", []) if isinstance(response.data, dict) else []
        if rows:
            access_log_record(
                user=request.user,
                action=AccessAction.SEARCH,
                object_type=selectors.CASE_OBJECT_TYPE,
                object_repr=", ".join(row["reference"] for row in rows),
                object_ids=[row["id"] for row in rows],
                reason="api:list",
                request=request._request,
            )
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = selectors.case_open(
            user=request.user, pk=int(kwargs["pk"]), part="api:detail", request=request._request
        )
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


def register(router: BaseRouter) -> None:
    router.register("cases", CaseViewSet, basename="case")
