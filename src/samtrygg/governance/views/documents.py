"""Meeting packs and reports to the executive board: generate a version, download one."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.core.decorators import capability_required, member_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import get_viewable_or_404
from samtrygg.documents.rendering import RenderError
from samtrygg.governance import selectors, services
from samtrygg.governance.forms import BoardReportForm
from samtrygg.governance.models import DocumentKind, GeneratedDocument
from samtrygg.governance.views.common import get_council, get_rw_meeting, manager, require_manager


@require_POST
@capability_required("governance.manage")
def meeting_pack_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_rw_meeting(request, pk)
    try:
        document = services.meeting_pack_generate(actor=request.user, meeting=meeting)
    except RenderError:
        messages.error(request, _("The meeting pack could not be made; please report this."))
    else:
        messages.success(request, _("Meeting pack version %(v)s made.") % {"v": document.version})
    return redirect("governance:meeting_detail", pk=meeting.pk)


def _default_period(today: date) -> tuple[date, date]:
    """The last complete half-year: what the board usually asks for."""
    if today.month > 6:
        return date(today.year, 1, 1), date(today.year, 6, 30)
    return date(today.year - 1, 7, 1), date(today.year - 1, 12, 31)


@member_required
def board_report_view(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_council(request, slug)
    start, end = _default_period(timezone.localdate())
    form = BoardReportForm(request.POST or None, initial={"period_start": start, "period_end": end})
    if request.method == "POST":
        require_manager(request)
        if form.is_valid():
            try:
                document = services.board_report_generate(
                    actor=request.user,
                    council=council,
                    period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"],
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            except RenderError:
                form.add_error(None, _("The report could not be made; please report this."))
            else:
                messages.success(request, _("Report version %(v)s made.") % {"v": document.version})
                return redirect("governance:board_report", slug=council.slug)
    return render(
        request,
        "governance/board_report.html",
        {
            "council": council,
            "form": form if manager(request) else None,
            "documents": selectors.document_list(
                user=request.user, council=council, kind=DocumentKind.BOARD_REPORT
            ),
        },
        status=400 if form.errors else 200,
    )


@member_required
def document_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_viewable_or_404(request.user, GeneratedDocument.objects.all(), pk=pk)
    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.file_name}"'
    response["Cache-Control"] = "private, no-store"
    return response
