"""Public pages: meeting dates, approved public minutes, and the public calendar feed.

Reachable without logging in; they show nothing but public meeting dates, times and
places, and minutes that were approved and released for publication.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samtrygg.governance import ical, selectors
from samtrygg.governance.models import MeetingStatus


@require_safe
def public_meetings_view(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.public_meeting_list()
    return render(
        request,
        "governance/public_meetings.html",
        {
            "upcoming": upcoming,
            "past": past,
            "feed_url": request.build_absolute_uri(reverse("governance:public_feed")),
        },
    )


@require_safe
def public_meeting_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.public_meetings(), pk=pk)
    return render(
        request,
        "governance/public_meeting_detail.html",
        {
            "meeting": meeting,
            "minutes": meeting.minutes if meeting.public_minutes_available else "",
            "cancelled": meeting.status == MeetingStatus.CANCELLED,
        },
    )


@require_safe
def public_feed_view(request: HttpRequest) -> HttpResponse:
    # No DESCRIPTION: the cancellation reason and the agenda are internal.
    body = ical.build_calendar(
        meetings=selectors.public_meetings(),
        name=_("Public council meetings"),
        url_for=lambda m: request.build_absolute_uri(
            reverse("governance:public_meeting_detail", kwargs={"pk": m.pk})
        ),
    )
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="public-meetings.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response
