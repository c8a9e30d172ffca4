"""Councils, their seats, the year view and the members' calendar feed."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from samtrygg.core.decorators import capability_required, member_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_viewable_or_404
from samtrygg.governance import ical, selectors, services
from samtrygg.governance.forms import CouncilForm, SeatForm
from samtrygg.governance.models import Council, CouncilSeat
from samtrygg.governance.views.common import get_council, get_rw_council, manager


@member_required
def council_list_view(request: HttpRequest) -> HttpResponse:
    councils = list(selectors.council_list(user=request.user, include_inactive=manager(request)))
    rows = [(c, selectors.meeting_next(council=c)) for c in councils]
    return render(
        request, "governance/council_list.html", {"rows": rows, "can_manage": manager(request)}
    )


@capability_required("governance.manage")
def council_create_view(request: HttpRequest) -> HttpResponse:
    form = CouncilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            council = services.council_create(
                actor=request.user,
                name=data["name"],
                slug=data["slug"],
                kind=data["kind"],
                purpose=data["purpose"],
                meetings_per_year_min=data["meetings_per_year_min"],
                meetings_per_year_max=data["meetings_per_year_max"],
                meetings_public_by_default=data["meetings_public_by_default"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Council %(name)s created.") % {"name": council.name})
            return redirect("governance:council_detail", slug=council.slug)
    return render(request, "governance/council_form.html", {"form": form, "council": None})


@member_required
def council_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_council(request, slug)
    today = timezone.localdate()
    seats = selectors.seat_list(council=council)
    active = [s for s in seats if s.is_active_on(today)]
    former = [s for s in seats if not s.is_active_on(today)]
    feed_url = request.build_absolute_uri(
        reverse(
            "governance:council_feed",
            kwargs={"slug": council.slug, "token": council.feed_token},
        )
    )
    return render(
        request,
        "governance/council_detail.html",
        {
            "council": council,
            "active_seats": active,
            "former_seats": former,
            "upcoming": selectors.meeting_list(user=request.user, council=council, upcoming=True),
            "past": selectors.meeting_list(user=request.user, council=council, upcoming=False)[:8],
            "years": selectors.council_years(council=council),
            "feed_url": feed_url,
            "can_manage": manager(request),
            "goal_count": selectors.goal_list(user=request.user, council=council).count(),
        },
    )


@capability_required("governance.manage")
def council_update_view(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_rw_council(request, slug)
    initial = {
        "name": council.name,
        "slug": council.slug,
        "kind": council.kind,
        "purpose": council.purpose,
        "meetings_per_year_min": council.meetings_per_year_min,
        "meetings_per_year_max": council.meetings_per_year_max,
        "meetings_public_by_default": council.meetings_public_by_default,
        "is_active": council.is_active,
    }
    form = CouncilForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.council_update(
                actor=request.user,
                council=council,
                name=data["name"],
                kind=data["kind"],
                purpose=data["purpose"],
                meetings_per_year_min=data["meetings_per_year_min"],
                meetings_per_year_max=data["meetings_per_year_max"],
                meetings_public_by_default=data["meetings_public_by_default"],
                is_active=data["is_active"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("governance:council_detail", slug=council.slug)
    return render(request, "governance/council_form.html", {"form": form, "council": council})


@require_POST
@capability_required("governance.manage")
def council_feed_rotate_view(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_rw_council(request, slug)
    services.council_feed_token_rotate(actor=request.user, council=council)
    messages.success(
        request,
        _(
            "A new calendar address was made; the old one no longer works. Send the new one "
            "to the members."
        ),
    )
    return redirect("governance:council_detail", slug=council.slug)


@member_required
def council_year_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = get_council(request, slug)
    first, last = selectors.council_year_span(council=council)
    if not first <= year <= last:
        raise Http404
    summary = selectors.council_year(council=council, year=year)
    return render(
        request,
        "governance/council_year.html",
        {
            "council": council,
            "summary": summary,
            "previous": year - 1 if year > first else None,
            "next": year + 1 if year < last else None,
        },
    )


def _seat_kwargs(data: dict) -> dict:
    return {
        "role": data["role"],
        "title": data["title"],
        "organisation": data["organisation"],
        "body_position": data["body_position"],
        "user": data["user"],
        "contact_name": data["contact_name"],
        "contact_email": data["contact_email"],
        "term_start": data["term_start"],
        "term_end": data["term_end"],
    }


@capability_required("governance.manage")
def seat_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_rw_council(request, slug)
    form = SeatForm(request.POST or None, initial={"term_start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_create(
                actor=request.user, council=council, **_seat_kwargs(form.cleaned_data)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Seat added."))
            return redirect("governance:council_detail", slug=council.slug)
    return render(
        request, "governance/seat_form.html", {"form": form, "council": council, "seat": None}
    )


@capability_required("governance.manage")
def seat_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    seat = get_viewable_or_404(request.user, CouncilSeat.objects.select_related("council"), pk=pk)
    council = seat.council
    form = SeatForm(request.POST or None, initial=SeatForm.initial_for(seat))
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_update(actor=request.user, seat=seat, **_seat_kwargs(form.cleaned_data))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("governance:council_detail", slug=council.slug)
    return render(
        request, "governance/seat_form.html", {"form": form, "council": council, "seat": seat}
    )


@require_safe
def council_feed_view(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The members' calendar: no log-in, the secret token in the address; 404 otherwise."""
    council = get_object_or_404(Council, slug=slug, is_active=True)
    if not secrets.compare_digest(council.feed_token.encode(), token.encode()):
        raise Http404
    body = ical.build_calendar(
        meetings=selectors.council_feed_meetings(council=council),
        name=council.name,
        url_for=lambda m: request.build_absolute_uri(
            reverse("governance:meeting_detail", kwargs={"pk": m.pk})
        ),
        description_for=lambda m: m.cancellation_note if m.is_cancelled else "",
    )
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{ical.feed_filename(council.slug)}"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
