"""URLs for the 503 tests: views that meet a locked database, and one with a real bug."""

from __future__ import annotations

from django.db.utils import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def locked_view(request: HttpRequest) -> HttpResponse:
    raise OperationalError("database is locked")


def broken_view(request: HttpRequest) -> HttpResponse:
    raise OperationalError("no such table: nothing")


urlpatterns = [
    path("save/", locked_view),
    path("api/v1/save/", locked_view),
    path("broken/", broken_view),
    path("", include("samtrygg.urls")),
]
