"""API: the current user, and organisations the user may see."""

from __future__ import annotations

from django.urls import path
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.views import APIView

from samtrygg.accounts import selectors
from samtrygg.accounts.models import Organisation
from samtrygg.core.permissions import permissions_for


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "code", "kind", "parent", "is_active"]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    filterset_fields = ["kind", "code"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.organisation_list(user=self.request.user).order_by("name")


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    title = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    organisations = serializers.ListField(child=serializers.CharField())


class MeView(APIView):
    serializer_class = MeSerializer

    def get(self, request: Request) -> Response:
        perms = permissions_for(request.user)
        orgs = Organisation.objects.filter(pk__in=perms.organisation_ids()).order_by("code")
        data = {
            "username": request.user.username,
            "title": getattr(request.user, "title", ""),
            "roles": sorted(perms.roles),
            "organisations": [o.code for o in orgs],
        }
        return Response(MeSerializer(data).data)


def register(router: BaseRouter) -> None:
    router.register("organisations", OrganisationViewSet, basename="organisation")


urlpatterns = [path("me/", MeView.as_view(), name="me")]
