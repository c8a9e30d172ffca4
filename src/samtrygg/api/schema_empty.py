"""The OpenAPI document's query parameters: an empty value means "not given".

Every list filter, ``limit``, ``offset`` and ``format`` treats ``?name=`` as if the parameter
were absent (an HTML form sends its empty fields that way), so the document says so with
``allowEmptyValue: true`` on each optional query parameter. A non-empty bad value is a 400.
"""

from __future__ import annotations

from typing import Any


def allow_empty_query_values(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS)."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result
