"""Limits on what a request may ask for: page sizes, offsets, bodies, uploads and JSON depth
are refused with 400/413 and a message, never a 500."""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from samtrygg.accounts.models import Organisation
from samtrygg.areas.geo import GeometryRefused, parse_json
from samtrygg.core.jsonlimits import JSONTooDeep, loads

HUGE = "9223372036854775808"


def _nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


def test_every_list_refuses_junk_limits_and_offsets(client_for: Callable[[str], Client]) -> None:
    client = client_for("coordinator")
    urls = [reverse(f"api:v1:{n}-list") for n in ("incident", "area", "organisation", "category")]
    for url in urls:
        for query in (
            f"limit={HUGE}",
            "limit=abc",
            "limit=0",
            "limit=-1",
            "limit=1001",
            "offset=-1",
            "offset=x",
            f"offset={HUGE}",
            "limit=1.5",
        ):
            response = client.get(f"{url}?{query}")
            assert response.status_code == HTTPStatus.BAD_REQUEST, (url, query)
            name = query.split("=")[0]
            assert name in response.json(), (url, query)
        assert client.get(f"{url}?limit=1000&offset=0").status_code == HTTPStatus.OK


def test_the_page_size_cap_is_a_setting(client_for: Callable[[str], Client], settings) -> None:  # type: ignore[no-untyped-def]
    settings.API_MAX_PAGE_SIZE = 5
    client = client_for("coordinator")
    url = reverse("api:v1:organisation-list")
    assert client.get(f"{url}?limit=6").status_code == HTTPStatus.BAD_REQUEST
    assert len(client.get(f"{url}?limit=5").json()["results"]) == 5


def test_a_deeply_nested_json_body_is_400(client_for: Callable[[str], Client]) -> None:
    client = client_for("reporter")
    response = client.post(
        reverse("api:v1:incident-list"), _nested(100_000), content_type="application/json"
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "32" in response.json()["detail"]


def test_a_body_over_the_limit_is_413(client_for: Callable[[str], Client], settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client = client_for("reporter")
    body = json.dumps({"description": "x" * 2000})
    response = client.post(reverse("api:v1:incident-list"), body, content_type="application/json")
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert "detail" in response.json()


def test_an_upload_over_the_limit_is_413(client_for: Callable[[str], Client], settings) -> None:  # type: ignore[no-untyped-def]
    settings.UPLOAD_MAX_BYTES = 1024
    client = client_for("analyst")
    upload = SimpleUploadedFile("big.csv", b"occurred_from,category\n" + b"2025-01-01,x\n" * 200)
    response = client.post(reverse("incidents:import_list"), {"file": upload})
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


def test_json_depth_is_checked_without_recursion() -> None:
    assert loads(_nested(32)) == json.loads(_nested(32))
    with pytest.raises(JSONTooDeep):
        loads(_nested(33))
    with pytest.raises(JSONTooDeep):
        loads("[" * 200_000 + "]" * 200_000)


def test_a_deeply_nested_area_file_is_refused_clearly() -> None:
    with pytest.raises(GeometryRefused, match="32"):
        parse_json("[" * 100_000 + "]" * 100_000)


@pytest.mark.django_db
def test_a_deeply_nested_geojson_to_the_import_command_is_a_clear_error(
    tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    source = Organisation.objects.create(name="Källa", code="kalla", kind="police")
    path = tmp_path / "deep.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    with pytest.raises(CommandError) as error:
        call_command("import-incidents", str(path), "--format", "geojson", "--source", source.code)
    assert "32" in str(error.value) or "32" in capsys.readouterr().err


def test_a_number_out_of_the_databases_range_in_a_filter_is_400(
    client_for: Callable[[str], Client],
) -> None:
    # Found by schemathesis: /api/v1/findings/?area=-2.4e212 was a 500 on SQLite, which
    # cannot hold the number. An id filter is now a whole number from 1 to the largest key,
    # so it is a 400 naming the parameter on every database.
    client = client_for("coordinator")
    for url, name in (
        ("/api/v1/findings/?area=-2.437859877825893e%2B212", "area"),
        (f"/api/v1/findings/?owner={HUGE}", "owner"),
    ):
        response = client.get(url)
        assert response.status_code == HTTPStatus.BAD_REQUEST, url
        assert name in response.json()


def test_a_nul_character_in_a_submitted_incident_is_400_on_every_database(
    client_for: Callable[[str], Client],
) -> None:
    # Found by schemathesis on PostgreSQL: a category "<,\x00" posted as a form reached the
    # driver, which refuses NUL in text before sending the query (a 500).
    response = client_for("reporter").post(reverse("api:v1:incident-list"), {"category": "<,\x00"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()
