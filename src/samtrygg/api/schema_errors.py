"""The OpenAPI document's error answers: every operation lists the 4xx it can give.

drf-spectacular documents only the success answers. Every endpoint can also answer 401 (no
or a refused credential) and 403 (a role that may not, or a read-only token writing); one
with a path parameter 404 (not there, or not yours); one with parameters or a body 400
(a bad value, named); one with a body 413 (too large). The shapes are DRF's: ``{"detail":
…}`` for refusals, an object of field → messages for bad values.
"""

from __future__ import annotations

from typing import Any

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A bad value: field (or parameter) name → list of messages; nested for nested input.
FIELD_ERRORS = {"type": "object", "additionalProperties": True}

_DESCRIPTIONS = {
    "400": "A parameter or field has a bad value; the answer names it.",
    "401": "No credential, or a token that is unknown, expired, revoked or made without "
    "the second factor the user's role requires.",
    "403": "Signed in, but not allowed (role, second factor not verified, read-only token).",
    "404": "No such object, or one you may not see.",
    "413": "The request body is too large.",
}


def _error(code: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": _DESCRIPTIONS[code],
        "content": {"application/json": {"schema": schema}},
    }


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS)."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorDetail", DETAIL)
    components.setdefault("FieldErrors", FIELD_ERRORS)
    detail = {"$ref": "#/components/schemas/ErrorDetail"}
    # anyOf: {"detail": …} is also an object of field → messages, so oneOf would match twice.
    bad_value = {"anyOf": [detail, {"$ref": "#/components/schemas/FieldErrors"}]}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            responses.setdefault("401", _error("401", detail))
            responses.setdefault("403", _error("403", detail))
            if any(p.get("in") == "path" for p in parameters):
                responses.setdefault("404", _error("404", detail))
            if parameters or "requestBody" in operation:
                responses.setdefault("400", _error("400", bad_value))
            if "requestBody" in operation:
                responses.setdefault("413", _error("413", detail))
    return result
