"""The one PDF renderer: a typst template plus JSON data (and images) in, PDF bytes out.

Numbers come from selectors; layout lives in ``<app>/templates/<app>/*.typ``. Every
template can ``#import "samtrygg.typ": *`` for the shared Swedish house style. Data is
passed as ``data.json`` (read in typst with ``json("data.json")``); images are written
beside it under the names given in ``assets``.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.template.loader import get_template

_STYLE = Path(__file__).parent / "templates" / "documents" / "samtrygg.typ"


class RenderError(Exception):
    """The typst template failed to compile; the message says where."""


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def template_path(name: str) -> Path:
    """Find a ``.typ`` template the way Django finds templates (app template dirs)."""
    template = get_template(name)
    origin = getattr(template, "origin", None) or template.template.origin  # type: ignore[attr-defined]
    return Path(origin.name)


def render_pdf(
    *, template: str, data: dict[str, Any], assets: dict[str, bytes] | None = None
) -> bytes:
    import typst

    source = template_path(template)
    with tempfile.TemporaryDirectory(prefix="samtrygg-pdf-") as tmp:
        root = Path(tmp)
        (root / "main.typ").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        (root / "samtrygg.typ").write_text(_STYLE.read_text(encoding="utf-8"), encoding="utf-8")
        (root / "data.json").write_text(
            json.dumps(data, default=_json_default, ensure_ascii=False), encoding="utf-8"
        )
        for name, content in (assets or {}).items():
            if "/" in name or name.startswith("."):
                raise ValueError(f"asset name {name!r} must be a plain file name")
            (root / name).write_bytes(content)
        try:
            return bytes(typst.compile(str(root / "main.typ"), root=str(root)))
        except RuntimeError as exc:
            raise RenderError(str(exc)) from exc
