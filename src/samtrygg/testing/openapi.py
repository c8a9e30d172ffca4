"""Test support: does an API answer match what the OpenAPI document says of it?

``assert_documented(response, "GET", "/api/v1/areas/{id}/")`` fails, naming the mismatch,
when the answer's status code is not documented for the operation, its content type is not
one the document lists for that status, or its JSON body does not validate against the
documented schema (OpenAPI 3.0 ``nullable`` read as JSON Schema's ``null`` type). It is the
single-request form of the schemathesis conformance test, for regression tests.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema
from drf_spectacular.generators import SchemaGenerator


@cache
def _document() -> dict[str, Any]:
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema → JSON Schema: ``nullable: true`` becomes a ``null`` alternative."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def documented_schema(method: str, path: str, status: int, media_type: str) -> dict[str, Any]:
    """The schema the document gives for an answer; fails when it documents none."""
    document = _document()
    operation = document["paths"][path][method.lower()]
    responses = operation["responses"]
    assert str(status) in responses, f"{method} {path}: status {status} is not documented"
    content = responses[str(status)].get("content", {})
    assert media_type in content, (
        f"{method} {path} {status}: content type {media_type} is not documented "
        f"(documented: {sorted(content)})"
    )
    return {
        **_json_schema(content[media_type]["schema"]),
        "components": _json_schema(document["components"]),
    }


def assert_documented(response: Any, method: str, path: str) -> None:
    """Fail unless ``response`` (a Django test response) is an answer the document allows."""
    media_type = response["Content-Type"].split(";")[0].strip()
    schema = documented_schema(method, path, response.status_code, media_type)
    body = json.loads(response.content)
    errors = sorted(
        jsonschema.Draft4Validator(schema).iter_errors(body), key=lambda error: error.path
    )
    assert not errors, f"{method} {path}: " + "; ".join(
        f"{'/'.join(map(str, error.path)) or '(body)'}: {error.message}" for error in errors[:5]
    )
