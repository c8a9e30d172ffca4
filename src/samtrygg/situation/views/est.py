"""The weekly EST view and its meeting note."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.core.decorators import capability_required
from samtrygg.core.permissions import permissions_for
from samtrygg.picture.data import data_span, scope_for_user
from samtrygg.situation import selectors, services
from samtrygg.situation.est import est_overview
from samtrygg.situation.forms import NoteForm
from samtrygg.situation.presenters import presentation
from samtrygg.situation.views.common import map_config


def _day(value: str | None, span: tuple[dt.date, dt.date] | None) -> dt.date:
    """The requested week, kept within the data's first and last day (and today); by
    default the last complete one (what the weekly meeting reads)."""
    today = timezone.localdate()
    default = today - dt.timedelta(days=7)
    try:
        day = dt.date.fromisoformat(value) if value else default
    except ValueError:
        day = default
    first, last = span or (day, today)
    return min(max(day, first), last)


@capability_required("situation.dashboard")
def est_view(request: HttpRequest) -> HttpResponse:
    span = data_span(scope_for_user(request.user), today=timezone.localdate())
    day = _day(request.GET.get("week"), span)
    overview = est_overview(user=request.user, day=day)
    week = overview["week"]
    previous_week = week.start - dt.timedelta(days=7)
    next_week = week.start + dt.timedelta(days=7)
    note = selectors.weekly_note_get(user=request.user, week_start=week.start)
    form = NoteForm(initial={"week": week.start, "body": note.body if note else ""})
    return render(
        request,
        "situation/est.html",
        {
            "o": overview,
            "view": presentation(overview["figures"]),
            "note": note,
            "form": form,
            "can_write": permissions_for(request.user).can("situation.note"),
            "previous_week": previous_week if span and week.start > span[0] else None,
            "next_week": next_week if span and next_week <= span[1] else None,
            "map_config": map_config(),
        },
    )


@require_POST
@capability_required("situation.note")
def est_note_view(request: HttpRequest) -> HttpResponse:
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the note."))
        return redirect("situation:est")
    week = form.cleaned_data["week"]
    try:
        services.weekly_note_save(
            actor=request.user, week_start=week, body=form.cleaned_data["body"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The meeting note was saved."))
    return redirect(f"{reverse('situation:est')}?week={week.isoformat()}")
