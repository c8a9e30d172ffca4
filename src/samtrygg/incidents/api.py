"""API: incidents (list with filters, detail, create for reporters), categories, and the
CSV/GeoJSON export of a filtered list. Everything goes through the permission resolver:
a list or export holds only what the user may read, restricted rows are logged."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import StreamingHttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.views import APIView

from samtrygg.accounts.models import Organisation
from samtrygg.areas.models import Place
from samtrygg.core.models import AccessAction, Classification
from samtrygg.core.permissions import permissions_for
from samtrygg.incidents import apirows, selectors, services
from samtrygg.incidents.checks import ADDRESS_MAX, DESCRIPTION_MAX, EXTERNAL_ID_MAX
from samtrygg.incidents.export import csv_stream, geojson_stream
from samtrygg.incidents.models import (
    Category,
    Incident,
    IncidentStatus,
    Precision,
    SourceSystem,
)

FILTER_PARAMETERS = [
    OpenApiParameter(
        "start", OpenApiTypes.DATE, description="First day (incidents that started on or after it)."
    ),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Last day, inclusive."),
    OpenApiParameter(
        "category",
        str,
        many=True,
        description="Category code or id (repeat or comma-separate); an unknown code is a 400.",
    ),
    OpenApiParameter("area", str, many=True, description="Area code or id; unknown: 400."),
    OpenApiParameter(
        "source", str, many=True, description="Source organisation code or id; unknown: 400."
    ),
    OpenApiParameter("source_system", str, many=True, enum=SourceSystem.values),
    OpenApiParameter("classification", str, many=True, enum=Classification.values),
    OpenApiParameter("precision", str, many=True, enum=Precision.values),
    OpenApiParameter("status", str, many=True, enum=IncidentStatus.values),
    OpenApiParameter(
        "mappable", bool, description="Only incidents with a point fit for maps (true/false)."
    ),
]


class CategorySerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Category
        fields = [
            "id",
            "code",
            "name",
            "name_sv",
            "name_en",
            "group",
            "colour",
            "harm_weight",
            "near_repeat",
            "is_active",
            "order",
        ]


class IncidentSerializer(serializers.ModelSerializer):
    category: serializers.SlugRelatedField[Category] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    source = serializers.SlugRelatedField(  # type: ignore[assignment,var-annotated]
        source="source_organisation", slug_field="code", read_only=True
    )
    lon = serializers.SerializerMethodField()
    lat = serializers.SerializerMethodField()
    x = serializers.SerializerMethodField()
    y = serializers.SerializerMethodField()
    areas: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Incident
        fields = [
            "id",
            "occurred_from",
            "occurred_to",
            "reported_at",
            "category",
            "precision",
            "lon",
            "lat",
            "x",
            "y",
            "address",
            "place",
            "areas",
            "description",
            "source",
            "source_system",
            "external_id",
            "classification",
            "status",
            "feedback",
        ]

    # Coordinates only for mappable incidents: a municipality centroid is not a place.
    def _coordinate(self, obj: Incident, name: str) -> float | None:
        return getattr(obj, name) if obj.is_mappable else None

    def get_lon(self, obj: Incident) -> float | None:
        return self._coordinate(obj, "lon")

    def get_lat(self, obj: Incident) -> float | None:
        return self._coordinate(obj, "lat")

    def get_x(self, obj: Incident) -> float | None:
        return self._coordinate(obj, "x")

    def get_y(self, obj: Incident) -> float | None:
        return self._coordinate(obj, "y")


class IncidentCreateSerializer(serializers.Serializer):
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=Category.objects.filter(is_active=True)
    )
    occurred_from = serializers.DateTimeField(required=False)
    occurred_to = serializers.DateTimeField(required=False, allow_null=True)
    lon = serializers.FloatField(required=False, allow_null=True)
    lat = serializers.FloatField(required=False, allow_null=True)
    address = serializers.CharField(required=False, allow_blank=True, max_length=ADDRESS_MAX)
    place = serializers.PrimaryKeyRelatedField(
        queryset=Place.objects.all(), required=False, allow_null=True
    )
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=DESCRIPTION_MAX
    )
    classification = serializers.ChoiceField(
        choices=Classification.choices, default=Classification.INTERNAL
    )
    source = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="code", queryset=Organisation.objects.filter(is_active=True), required=False
    )
    external_id = serializers.CharField(
        required=False, allow_blank=True, max_length=EXTERNAL_ID_MAX
    )


class IncidentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Incidents you may read; reporters (and staff) file new ones with POST."""

    serializer_class = IncidentSerializer
    filter_backends: list[Any] = []

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        if self.action == "create":
            return IncidentCreateSerializer
        return IncidentSerializer

    def _require(self, *capabilities: str) -> None:
        perms = permissions_for(self.request.user)
        if not any(perms.can(c) for c in capabilities):
            raise PermissionDenied

    def get_queryset(self):  # type: ignore[no-untyped-def]
        try:
            filters = selectors.parse_incident_filters(self.request.query_params)
        except selectors.FilterError as exc:
            raise ApiValidationError({"filter": [str(exc)]}) from None
        return selectors.incident_list(user=self.request.user, filters=filters)

    @extend_schema(parameters=FILTER_PARAMETERS)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self._require("incidents.view")
        # Plain values, not instances through the serializer: same answer, a third of the
        # CPU (incidents/apirows.py).
        values = apirows.IncidentValues(self.get_queryset())
        # The paginator needs only count() and a slice, which IncidentValues has.
        page: list[tuple[Any, ...]] | None = self.paginate_queryset(values)  # type: ignore[arg-type]
        data = apirows.incident_rows(page if page is not None else list(values))
        selectors.log_incident_rows(
            user=request.user,
            incidents=data,
            action=AccessAction.SEARCH,
            request=request,
            description=gettext_lazy("Incident points through the API"),
        )
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self._require("incidents.view", "incidents.report")
        try:
            pk = int(kwargs["pk"])
        except ValueError:
            raise NotFound from None
        incident = selectors.incident_get(
            user=request.user, pk=pk, request=request, reason=selectors.READ_API
        )
        return Response(IncidentSerializer(incident).data)

    @extend_schema(request=IncidentCreateSerializer, responses={201: IncidentSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self._require("incidents.report")
        serializer = IncidentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        source = data.get("source")
        if source is None:
            organisations = selectors.report_organisations(user=request.user)
            if organisations.count() != 1:
                raise ApiValidationError({"source": [_("Give the organisation you report for.")]})
            source = organisations.get()
        report = services.IncidentInput(
            source_organisation=source,
            category=data["category"],
            occurred_from=data.get("occurred_from") or timezone.now(),
            occurred_to=data.get("occurred_to"),
            lon=data.get("lon"),
            lat=data.get("lat"),
            address=data.get("address", ""),
            place=data.get("place"),
            description=data.get("description", ""),
            classification=data["classification"],
            external_id=data.get("external_id") or None,
        )
        try:
            incident = services.incident_create(
                actor=request.user, data=report, source_system=SourceSystem.API
            )
        except DjangoValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            # The API names the organisation ``source``.
            if "source_organisation" in errors:
                errors["source"] = errors.pop("source_organisation")
            raise ApiValidationError(errors) from None
        return Response(IncidentSerializer(incident).data, status=status.HTTP_201_CREATED)


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The incident categories (codes for imports and filters, colours, harm weights)."""

    serializer_class = CategorySerializer
    filterset_fields = ["group", "is_active", "near_repeat"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.category_list(user=self.request.user)


class IncidentExportView(APIView):
    """The filtered incident list as CSV or GeoJSON (``export.csv``, ``export.geojson``)."""

    @extend_schema(
        operation_id="incidents_export",
        parameters=FILTER_PARAMETERS,
        responses={
            (200, "text/csv"): OpenApiTypes.STR,
            (200, "application/geo+json"): OpenApiTypes.OBJECT,
        },
    )
    def get(self, request: Request, fmt: str) -> StreamingHttpResponse:
        if not permissions_for(request.user).can("incidents.view"):
            raise PermissionDenied
        if fmt not in ("csv", "geojson"):
            raise NotFound
        try:
            filters = selectors.parse_incident_filters(request.query_params)
        except selectors.FilterError as exc:
            raise ApiValidationError({"filter": [str(exc)]}) from None
        queryset = selectors.incident_list(user=request.user, filters=filters)
        selectors.log_incident_rows(
            user=request.user,
            incidents=queryset,
            action=AccessAction.EXPORT,
            request=request,
            description=format_lazy(
                gettext_lazy("Incident export ({fmt}): {filters}"),
                fmt=fmt.upper(),
                filters=filters.describe() or "—",
            ),
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        if fmt == "csv":
            response = StreamingHttpResponse(
                csv_stream(queryset), content_type="text/csv; charset=utf-8"
            )
        else:
            response = StreamingHttpResponse(
                geojson_stream(queryset), content_type="application/geo+json"
            )
        response["Content-Disposition"] = f'attachment; filename="incidents-{stamp}.{fmt}"'
        return response


def register(router: BaseRouter) -> None:
    router.register("incidents", IncidentViewSet, basename="incident")
    router.register("categories", CategoryViewSet, basename="category")


urlpatterns = [
    path("incidents/export.<str:fmt>", IncidentExportView.as_view(), name="incident-export"),
]
