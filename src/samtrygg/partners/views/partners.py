"""The partner register's pages: list, detail (the partner's own page for its logins),
create and edit, contact persons with consent, erasure on request."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.actionplan.selectors.plans import commitment_list
from samtrygg.areas.models import Area
from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import apply_validation_error
from samtrygg.core.permissions import (
    get_changeable_or_404,
    get_viewable_or_404,
    permissions_for,
)
from samtrygg.governance.models import FocusArea
from samtrygg.partners import selectors, services
from samtrygg.partners.forms import ContactForm, ErasureForm, PartnerForm
from samtrygg.partners.models import ContactPerson, Partner, PartnerKind
from samtrygg.partners.page_sections import partner_sections
from samtrygg.partners.rules import can_manage
from samtrygg.partners.views.common import int_or_none, participant_required


@participant_required
def partner_list_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in PartnerKind.values:
        kind = ""
    area_id = int_or_none(request.GET.get("area"))
    focus_area_id = int_or_none(request.GET.get("focus_area"))
    partners = selectors.partner_list(
        user=request.user, kind=kind, area_id=area_id, focus_area_id=focus_area_id
    )
    perms = permissions_for(request.user)
    if not perms.can("partners.view"):
        # A partner's login has no register: its own page is the one it sees.
        own = list(selectors.partners_of_user(user=request.user)[:2])
        if len(own) == 1:
            return redirect("partners:partner_detail", pk=own[0].pk)
    return render(
        request,
        "partners/partner_list.html",
        {
            "partners": partners,
            "kinds": PartnerKind.choices,
            "kind": kind,
            "areas": Area.objects.order_by("name"),
            "area_id": area_id,
            "focus_areas": FocusArea.objects.filter(is_active=True),
            "focus_area_id": focus_area_id,
            "can_manage": can_manage(perms),
        },
    )


@participant_required
def partner_mine_view(request: HttpRequest) -> HttpResponse:
    """A partner's login: its own partner's page."""
    own = selectors.partners_of_user(user=request.user).first()
    if own is None:
        raise Http404
    return redirect("partners:partner_detail", pk=own.pk)


@participant_required
def partner_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_viewable_or_404(
        request.user,
        Partner.objects.select_related("organisation").prefetch_related("areas", "focus_areas"),
        pk=pk,
    )
    user = request.user
    contacts = selectors.contact_list(user=user, partner=partner)
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "contacts": contacts,
            "erasures": selectors.erasure_list(user=user, partner=partner),
            "meetings": selectors.dialogue_meeting_list(user=user, partner=partner)[:10],
            "contributions": selectors.contribution_list(user=user, partner=partner)[:20],
            "recommendations": selectors.recommendation_list(user=user, partner=partner)[:20],
            "commitments": commitment_list(user=user).filter(owner=partner.organisation),
            "sections": partner_sections(user=user, partner=partner, params=request.GET),
            "can_manage": can_manage(permissions_for(user)),
            "is_own": partner.pk in {p.pk for p in selectors.partners_of_user(user=user)},
        },
    )


@capability_required("partners.manage")
def partner_create_view(request: HttpRequest) -> HttpResponse:
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(actor=request.user, data=form.to_input())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Partner added."))
            return redirect("partners:partner_detail", pk=partner.pk)
    return render(
        request,
        "partners/form.html",
        {"form": form, "title": _("New partner"), "back": ("partners:partner_list", None)},
        status=400 if form.errors else 200,
    )


@capability_required("partners.manage")
def partner_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_changeable_or_404(request.user, Partner.objects.all(), pk=pk)
    form = PartnerForm(request.POST or None, initial=PartnerForm.initial_for(partner))
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(actor=request.user, partner=partner, data=form.to_input())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Partner saved."))
            return redirect("partners:partner_detail", pk=partner.pk)
    return render(
        request,
        "partners/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": partner.name},
            "back": ("partners:partner_detail", partner.pk),
        },
        status=400 if form.errors else 200,
    )


@capability_required("partners.manage")
def contact_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_changeable_or_404(request.user, Partner.objects.all(), pk=pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_person_add(actor=request.user, partner=partner, data=form.to_input())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Contact person added."))
            return redirect("partners:partner_detail", pk=partner.pk)
    return render(
        request,
        "partners/form.html",
        {
            "form": form,
            "title": _("New contact person at %(name)s") % {"name": partner.name},
            "intro": _(
                "A contact person is kept only with their consent, and deleted when they ask."
            ),
            "back": ("partners:partner_detail", partner.pk),
        },
        status=400 if form.errors else 200,
    )


@capability_required("partners.manage")
def contact_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_changeable_or_404(
        request.user, ContactPerson.objects.select_related("partner"), pk=pk
    )
    partner = contact.partner
    form = ErasureForm(request.POST or None, initial={"requested_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_person_erase(
                actor=request.user, contact=contact, requested_on=form.cleaned_data["requested_on"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The contact person was erased."))
            return redirect("partners:partner_detail", pk=partner.pk)
    return render(
        request,
        "partners/contact_erase.html",
        {"form": form, "contact": contact, "partner": partner},
        status=400 if form.errors else 200,
    )


@capability_required("partners.manage")
def contact_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_changeable_or_404(
        request.user, ContactPerson.objects.select_related("partner"), pk=pk
    )
    initial = {
        "name": contact.name,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "consent_given_on": contact.consent_given_on,
        "consent_how": contact.consent_how,
    }
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_person_update(
                actor=request.user, contact=contact, data=form.to_input()
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Contact person saved."))
            return redirect("partners:partner_detail", pk=contact.partner_id)
    return render(
        request,
        "partners/form.html",
        {
            "form": form,
            "title": _("Edit contact person at %(name)s") % {"name": contact.partner.name},
            "back": ("partners:partner_detail", contact.partner_id),
        },
        status=400 if form.errors else 200,
    )
