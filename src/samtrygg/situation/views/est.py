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
from samtrygg.situation import selectors, services
from samtrygg.situation.est import est_overview
from samtrygg.situation.forms import NoteForm
from samtrygg.situation.presenters import presentation
from samtrygg.situation.views.common import map_config


def _day(value: str | None) -> dt.date:
    """The requested week; by default the last complete one (what the weekly meeting reads)."""
    default = timezone.localdate() - dt.timedelta(days=7)
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


@capability_required("situation.dashboard")
def est_view(request: HttpRequest) -> HttpResponse:
    day = _day(request.GET.get("week"))
    overview = est_overview(user=request.user, day=day)
    week = overview["week"]
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
            "previous_week": week.start - dt.timedelta(days=7),
            "next_week": week.start + dt.timedelta(days=7),
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
