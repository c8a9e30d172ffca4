"""The public follow-up of citizen promises: no log-in, promises marked public only, and
only their public parts (never the internal note or who wrote what)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samtrygg.actionplan import selectors


def public_promise_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "actionplan/public_promises.html", {"promises": selectors.public_promises()}
    )


def public_promise_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request,
        "actionplan/public_promise_detail.html",
        {"promise": selectors.public_promise_get(pk)},
    )
