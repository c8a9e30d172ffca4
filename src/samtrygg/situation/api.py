"""API: published lägesbild versions (with their figures) and the computed picture."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import MethodNotAllowed, PermissionDenied, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.views import APIView

from samtrygg.core.permissions import permissions_for
from samtrygg.picture.params import MAX_AREA_ID, PERIOD_KINDS, ParamError, params_from_query
from samtrygg.picture.service import picture_for_user
from samtrygg.situation import selectors, services
from samtrygg.situation.models import SituationVersion


class VersionListSerializer(serializers.ModelSerializer):
    report = serializers.IntegerField(source="report_id")
    withdrawn = serializers.SerializerMethodField()

    class Meta:
        model = SituationVersion
        fields = [
            "id",
            "report",
            "number",
            "title",
            "period_kind",
            "period_start",
            "period_end",
            "published_at",
            "content_hash",
            "withdrawn",
        ]

    def get_withdrawn(self, obj: SituationVersion) -> bool:
        return hasattr(obj, "withdrawal")


class VersionDetailSerializer(VersionListSerializer):
    figures = serializers.SerializerMethodField()

    class Meta(VersionListSerializer.Meta):
        fields = [
            *VersionListSerializer.Meta.fields,
            "parameters",
            "sections",
            "signatures",
            "data_scope",
            "figures",
            "public",
        ]

    def get_figures(self, obj: SituationVersion) -> dict[str, Any]:
        """The frozen figures in the current schema (older snapshots read as they were)."""
        return obj.picture.to_json()


class CanReadVersions(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return permissions_for(request.user).can("situation.read")


class SituationVersionViewSet(viewsets.ReadOnlyModelViewSet):
    """Published versions of the lägesbild (read-only: a version never changes)."""

    permission_classes = [IsAuthenticated, CanReadVersions]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if self.action == "retrieve":
            return permissions_for(self.request.user).filter_viewable(
                SituationVersion.objects.select_related("report", "withdrawal")
            )
        return selectors.version_list(user=self.request.user)

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return VersionDetailSerializer if self.action == "retrieve" else VersionListSerializer

    @property
    def allowed_methods(self) -> list[str]:
        # PUT, PATCH and DELETE are routed only to record the attempt and refuse it (405):
        # the Allow header (on OPTIONS and on the 405) names only what works.
        return [m for m in super().allowed_methods if m not in {"PUT", "PATCH", "DELETE"}]

    def _refuse(self, request: Request, pk: Any) -> Response:
        """A published version is never changed or deleted: record the attempt, refuse."""
        version = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            services.version_unpublish_refuse(actor=request.user, version=version)
        except services.PublishingRefused as exc:
            raise MethodNotAllowed(request.method or "", detail=str(exc)) from None
        raise MethodNotAllowed(request.method or "")  # pragma: no cover

    @extend_schema(exclude=True)
    def update(self, request: Request, pk: Any = None) -> Response:
        return self._refuse(request, pk)

    @extend_schema(exclude=True)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        return self._refuse(request, pk)

    @extend_schema(exclude=True)
    def destroy(self, request: Request, pk: Any = None) -> Response:
        return self._refuse(request, pk)


class PictureView(APIView):
    """The computed picture (the dashboard's figures) for the incidents you may read."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "period",
                str,
                enum=list(PERIOD_KINDS),
                description="month when not given; custom needs start and end",
            ),
            OpenApiParameter("at", OpenApiTypes.DATE, description="a day inside the period"),
            OpenApiParameter("start", OpenApiTypes.DATE, description="custom: first day"),
            OpenApiParameter("end", OpenApiTypes.DATE, description="custom: last day"),
            OpenApiParameter(
                "area",
                {
                    "type": "array",
                    "items": {"type": "integer", "minimum": 1, "maximum": MAX_AREA_ID},
                },
                description="area ids (repeat)",
            ),
            OpenApiParameter("category", str, many=True),
        ],
        responses={200: dict},
    )
    def get(self, request: Request) -> Response:
        if not permissions_for(request.user).can("situation.dashboard"):
            raise PermissionDenied
        try:
            params = params_from_query(request.query_params, today=timezone.localdate())
        except ParamError as exc:
            raise ValidationError({exc.field: [exc.message]}) from None
        return Response(picture_for_user(user=request.user, params=params).to_json())


def register(router: BaseRouter) -> None:
    router.register("situation-reports", SituationVersionViewSet, basename="situation-report")


urlpatterns = [path("situation/picture/", PictureView.as_view(), name="situation-picture")]
