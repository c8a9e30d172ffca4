"""Every model the audit trail records, and every field it records of them, has a Swedish
name: the auditor never meets a raw model or field name."""

from __future__ import annotations

from pathlib import Path

from auditlog.registry import auditlog
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation.trans_real import translation as catalogue

from samtrygg.core.trail import field_label_source


def _recorded_fields(model: type[models.Model]) -> list[models.Field]:
    spec = auditlog.get_model_fields(model)
    fields = []
    for field in model._meta.get_fields():
        if not isinstance(field, models.Field) or field.primary_key:
            continue
        if spec["include_fields"] and field.name not in spec["include_fields"]:
            continue
        if field.name in spec["exclude_fields"]:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        fields.append(field)
    return fields


def _swedish(label: Promise) -> bool:
    """Translated, or the same word in both languages on purpose (in the catalogue)."""
    with translation.override("en"):
        english = str(label)
    with translation.override("sv"):
        swedish = str(label)
    return swedish != english or english in catalogue("sv")._catalog  # type: ignore[attr-defined]


def _has_catalogue(model: type[models.Model]) -> bool:
    # An app still being built may not have its Swedish catalogue yet; the catalogue
    # checks (test_catalogues) take over from the day it has one.
    app = apps.get_app_config(model._meta.app_label)
    return (Path(app.path) / "locale" / "sv" / "LC_MESSAGES" / "django.po").exists()


def test_every_audited_model_and_field_has_a_swedish_name() -> None:
    missing = []
    for model in filter(_has_catalogue, auditlog.get_models()):
        name = model._meta.verbose_name
        if not isinstance(name, Promise) or not _swedish(name):
            missing.append(model._meta.label)
        for field in _recorded_fields(model):
            source = field_label_source(field)
            if source is None or not _swedish(source):
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []
