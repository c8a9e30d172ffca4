"""``/api/schema/``: documentation in a browser, the OpenAPI document for tools."""

from __future__ import annotations

import pytest
from django.test import Client

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.django_db
def test_a_browser_gets_swagger_ui_from_the_package_not_a_cdn() -> None:
    response = Client().get("/api/schema/", headers={"accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html and "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower()
    # The start script is served from this address (no inline script under the CSP).
    assert "/api/schema/?script=" in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_the_start_script_loads_the_yaml() -> None:
    response = Client().get("/api/schema/", {"script": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    # Escaped for a JavaScript string: "=" as \u003D.
    assert '"/api/schema/?format\\u003Dyaml"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["*/*", BROWSER_ACCEPT])
def test_format_yaml_gives_the_document_whatever_the_client(accept: str) -> None:
    response = Client().get("/api/schema/", {"format": "yaml"}, headers={"accept": accept})
    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith("openapi: 3") and "/api/v1/areas/" in text


@pytest.mark.django_db
def test_a_tool_without_html_in_accept_gets_the_document() -> None:
    response = Client().get("/api/schema/", headers={"accept": "*/*"})
    assert response.content.decode().startswith("openapi: 3")
    json_doc = Client().get("/api/schema/", {"format": "json"}).json()
    assert json_doc["info"]["title"] == "Samtrygg API"


@pytest.mark.browser
def test_swagger_ui_renders_under_the_content_security_policy(browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    refused: list[str] = []
    page.on("console", lambda msg: refused.append(msg.text) if msg.type == "error" else None)
    page.goto("/api/schema/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Samtrygg API" in page.locator(".swagger-ui .info .title").inner_text()
    # The operations of the document were loaded and drawn.
    assert page.locator(".opblock").count() > 5
    assert not refused, refused
