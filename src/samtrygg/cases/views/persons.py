"""The persons of a case: pseudonymous list, "show identity" (logged), add and correct."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samtrygg.cases import selectors, services
from samtrygg.cases.forms import PersonFields, PersonForm
from samtrygg.cases.models import Case
from samtrygg.cases.views.common import case_page, done, open_for, run_service, tab_context


def _persons(request: HttpRequest, case: Case, **extra: Any) -> HttpResponse:
    context = tab_context(case, "cases:persons") | {
        "persons": selectors.case_persons(user=request.user, case=case),
        "form": extra.pop("form", None) or PersonForm(),
        **extra,
    }
    return render(request, "cases/persons.html", context)


def _person_input(role: str, data: dict[str, Any]) -> services.PersonInput:
    return services.PersonInput(
        role=role,
        name=data["name"],
        identity_number=data["identity_number"],
        birth_date=data["birth_date"],
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
    )


@case_page()
@require_http_methods(["GET", "POST"])
def persons_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = open_for(request, pk, "persons")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added = run_service(
            form,
            lambda: services.case_person_add(
                actor=request.user,
                case=case,
                person=_person_input(form.cleaned_data["role"], form.cleaned_data),
            ),
        )
        if added is not None:
            return done(request, _("The person is added."), "cases:persons", pk=case.pk)
    return _persons(request, case, form=form)


@case_page()
@require_POST
def identity_view(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    """Show one person's identity: an explicit action (POST), logged with the person."""
    case = open_for(request, pk, "persons")
    person, identity = selectors.person_identity(
        user=request.user, case=case, person_pk=person_pk, request=request
    )
    return _persons(request, case, shown=person, identity=identity)


@case_page()
@require_http_methods(["GET", "POST"])
def person_edit_view(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    """Correct a person's details; opening the form shows the identity, so it is logged."""
    case = open_for(request, pk, "persons")
    person, identity = selectors.person_identity(
        user=request.user, case=case, person_pk=person_pk, request=request
    )
    initial = {
        "name": identity.name,
        "identity_number": identity.identity_number,
        "birth_date": identity.birth_date,
        "phone": identity.phone,
        "email": identity.email,
        "address": identity.address,
    }
    form = PersonFields(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.case_person_update(
                actor=request.user,
                person=person,
                data=_person_input(person.role, form.cleaned_data),
            ),
        )
        if saved is not None:
            return done(request, _("The details are saved."), "cases:persons", pk=case.pk)
    context = tab_context(case, "cases:persons") | {"person": person, "form": form}
    return render(request, "cases/person_form.html", context)
