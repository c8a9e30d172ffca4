"""The public protocols: published walks only, no personal data, approved photos only."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from samtrygg.areas.maps import map_config
from samtrygg.walks import selectors
from samtrygg.walks.pdf import protocol_pdf


def protocol_list_view(request: HttpRequest) -> HttpResponse:
    walks = selectors.published_walks().select_related("area").order_by("-walk_date")
    return render(request, "walks/protocol_list.html", {"walks": walks})


def protocol_view(request: HttpRequest, pk: int) -> HttpResponse:
    walk = get_object_or_404(
        selectors.published_walks().select_related("area", "predecessor"), pk=pk
    )
    proto = selectors.protocol(walk)
    return render(
        request,
        "walks/protocol.html",
        {
            "protocol": proto,
            "walk": walk,
            "map_config": map_config(),
            "map_data": {
                "route": walk.route,
                "points": [
                    {"lon": f.lon, "lat": f.lat, "label": f"{f.number}. {f.category}"}
                    for f in proto.findings
                    if f.lon is not None
                ],
            },
        },
    )


def protocol_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    walk = get_object_or_404(
        selectors.published_walks().select_related("area", "predecessor"), pk=pk
    )
    response = HttpResponse(protocol_pdf(walk), content_type="application/pdf")
    name = slugify(f"trygghetsvandring-{walk.walk_date}-{walk.area.name}")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def public_photo_view(request: HttpRequest, pk: int) -> HttpResponse:
    photo = selectors.public_photo(pk)
    if photo is None:
        raise Http404
    response = HttpResponse(bytes(photo.image), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"
    return response
