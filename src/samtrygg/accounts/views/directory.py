"""Coordinator pages for organisations, users and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samtrygg.accounts import selectors, services
from samtrygg.accounts.forms import MembershipForm, OrganisationForm, UserCreateForm, UserUpdateForm
from samtrygg.accounts.models import Membership, Organisation, OrganisationKind, User
from samtrygg.core.decorators import capability_required
from samtrygg.core.forms import form_submitted
from samtrygg.core.permissions import get_changeable_or_404, get_viewable_or_404
from samtrygg.core.roles import Role


@capability_required("accounts.manage")
def organisation_list_view(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    organisations = selectors.organisation_list(user=request.user, search=search, kind=kind)
    form = OrganisationForm(request.POST or None)

    def create(data: dict[str, Any]) -> HttpResponse:
        org = services.organisation_create(
            actor=request.user,
            name=data["name"],
            code=data["code"],
            kind=data["kind"],
            parent=data["parent"],
            contact_email=data["contact_email"],
        )
        messages.success(request, _("Organisation %(name)s created.") % {"name": org.name})
        return redirect("accounts:organisation_detail", pk=org.pk)

    if done := form_submitted(request, form, create):
        return done
    return render(
        request,
        "accounts/organisation_list.html",
        {
            "organisations": organisations,
            "form": form,
            "search": search,
            "kind": kind,
            "kinds": OrganisationKind.choices,
        },
    )


@capability_required("accounts.manage")
def organisation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_changeable_or_404(request.user, Organisation.objects.all(), pk=pk)
    initial = {
        "name": org.name,
        "code": org.code,
        "kind": org.kind,
        "parent": org.parent,
        "contact_email": org.contact_email,
        "is_active": org.is_active,
    }
    form = OrganisationForm(request.POST or None, initial=initial, editing=True)
    form.fields["parent"].queryset = Organisation.objects.exclude(pk=org.pk)  # type: ignore[attr-defined]

    def update(data: dict[str, Any]) -> HttpResponse:
        services.organisation_update(
            actor=request.user,
            organisation=org,
            name=data["name"],
            kind=data["kind"],
            parent=data["parent"],
            contact_email=data["contact_email"],
            is_active=data["is_active"],
        )
        messages.success(request, _("Changes saved."))
        return redirect("accounts:organisation_detail", pk=org.pk)

    if done := form_submitted(request, form, update):
        return done
    members = Membership.objects.filter(organisation=org).select_related("user")
    return render(
        request, "accounts/organisation_detail.html", {"org": org, "form": form, "members": members}
    )


@capability_required("accounts.manage")
def user_list_view(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    users = selectors.user_list(user=request.user, search=search, role=role)
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/user_list.html",
        {"page": page, "search": search, "role": role, "roles": Role.choices},
    )


@capability_required("accounts.manage")
def user_create_view(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)

    def create(data: dict[str, Any]) -> HttpResponse:
        user = services.user_create(
            actor=request.user,
            username=data["username"],
            password=data["password"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            title=data["title"],
            organisation=data["organisation"],
            role=data["role"],
        )
        messages.success(request, _("User %(name)s created.") % {"name": user.username})
        return redirect("accounts:user_detail", pk=user.pk)

    if done := form_submitted(request, form, create):
        return done
    return render(request, "accounts/user_create.html", {"form": form})


@capability_required("accounts.manage")
def user_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_changeable_or_404(request.user, User.objects.all(), pk=pk)
    form = UserUpdateForm(
        request.POST or None,
        initial={
            "first_name": subject.first_name,
            "last_name": subject.last_name,
            "title": subject.title,
            "email": subject.email,
            "is_active": subject.is_active,
        },
    )

    def update(data: dict[str, Any]) -> HttpResponse:
        services.user_update(actor=request.user, subject=subject, **data)
        messages.success(request, _("Changes saved."))
        return redirect("accounts:user_detail", pk=subject.pk)

    if done := form_submitted(request, form, update):
        return done
    return render(
        request,
        "accounts/user_detail.html",
        {
            "subject": subject,
            "form": form,
            "membership_form": MembershipForm(),
            "memberships": selectors.membership_list(user=request.user, of_user=subject),
        },
    )


@capability_required("accounts.manage")
@require_POST
def membership_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_changeable_or_404(request.user, User.objects.all(), pk=pk)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            services.membership_add(actor=request.user, subject=subject, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("Membership added."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(e) for e in errors)
            messages.error(request, f"{label}: {text}" if label else text)
    return redirect("accounts:user_detail", pk=subject.pk)


@capability_required("accounts.manage")
@require_POST
def membership_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_viewable_or_404(request.user, Membership.objects.all(), pk=pk)
    user_pk = membership.user_id
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("Membership removed."))
    return redirect("accounts:user_detail", pk=user_pk)
