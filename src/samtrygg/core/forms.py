"""Form helpers shared by apps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse


def apply_validation_error(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target if field != NON_FIELD_ERRORS else None, error)
    else:
        form.add_error(None, exc)


def form_submitted(
    request: HttpRequest, form: forms.Form, save: Callable[[dict[str, Any]], HttpResponse]
) -> HttpResponse | None:
    """For a form posted and valid, ``save(cleaned_data)``: it calls the service and answers
    (a message and a redirect). ``None`` — render the form again — for a GET, an invalid
    form, or the service's ValidationError, which is then shown on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return None
