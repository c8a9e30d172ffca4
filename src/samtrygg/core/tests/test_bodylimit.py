"""A body sent without a length (``Transfer-Encoding: chunked``, de-chunked by gunicorn) is
held to REQUEST_BODY_MAX_MB and UPLOAD_MAX_MB like one with a length: counted as it is read,
refused with 413 as soon as it passes the limit (the rest unread), and otherwise handed to
Django with its real length."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIRequest

from samtrygg.core.bodylimit import BLOCK, UnsizedBodyLimit
from samtrygg.wsgi import application

MB = 1024 * 1024


class CountingStream:
    """A de-chunked request body of ``size`` bytes that counts what was read of it."""

    def __init__(self, size: int, byte: bytes = b"x") -> None:
        self.left = size
        self.byte = byte
        self.read_bytes = 0

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        self.read_bytes += n
        return self.byte * n


def chunked_environ(stream: Any, *, path: str = "/api/v1/incidents/", **extra: Any) -> dict:
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": stream,
        "wsgi.input_terminated": True,  # what gunicorn says of a de-chunked body
        "HTTP_TRANSFER_ENCODING": "chunked",
        "CONTENT_TYPE": "application/json",
    }
    environ.update(extra)
    return environ


class Recorder:
    """The wrapped application: remembers the environ it was called with."""

    def __init__(self) -> None:
        self.environ: dict[str, Any] | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.environ = environ
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]


def call(app: Any, environ: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = int(status.split()[0]), dict(headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


def test_a_chunked_body_over_the_limit_is_413_and_not_read_to_its_end(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    inner = Recorder()
    stream = CountingStream(200 * MB)
    status, headers, body = call(UnsizedBodyLimit(inner), chunked_environ(stream))
    assert status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert json.loads(body) == {"detail": "Begäran är större än 1 MB."}
    assert headers["Connection"] == "close"
    assert inner.environ is None  # Django never saw it
    assert stream.read_bytes <= 1 * MB + BLOCK


def test_a_chunked_upload_is_held_to_the_upload_limit(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    settings.UPLOAD_MAX_BYTES = 3 * MB
    upload = "multipart/form-data; boundary=xyz"
    inner = Recorder()
    app = UnsizedBodyLimit(inner)
    page = chunked_environ(CountingStream(4 * MB), path="/incidents/import/", CONTENT_TYPE=upload)
    status, headers, body = call(app, page)
    assert status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert body.decode() == "Begäran är större än 3 MB."
    assert headers["Content-Type"].startswith("text/plain")
    # Between the two limits: an upload may be larger than another body.
    status, _headers, _body = call(
        app, chunked_environ(CountingStream(2 * MB), CONTENT_TYPE=upload)
    )
    assert status == HTTPStatus.OK and inner.environ is not None
    assert inner.environ["CONTENT_LENGTH"] == str(2 * MB)


def test_a_chunked_body_under_the_limit_reaches_django_whole(settings) -> None:  # type: ignore[no-untyped-def]
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # kept in a temporary file beyond this
    payload = json.dumps({"description": "Klotter på fasaden " * 500}).encode()
    inner = Recorder()
    status, _headers, _body = call(UnsizedBodyLimit(inner), chunked_environ(io.BytesIO(payload)))
    assert status == HTTPStatus.OK and inner.environ is not None
    assert inner.environ["CONTENT_LENGTH"] == str(len(payload))
    # Without the wrapper Django would read CONTENT_LENGTH (none: 0) bytes of it.
    assert WSGIRequest(chunked_environ(io.BytesIO(payload))).body == b""
    assert WSGIRequest(inner.environ).body == payload


def test_a_stream_the_server_did_not_end_is_left_alone(settings) -> None:  # type: ignore[no-untyped-def]
    """Django's development server does not mark its input as terminated: reading it to its
    end would wait for the client; Django reads no body from it (no length)."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    stream = CountingStream(200 * MB)
    inner = Recorder()
    environ = chunked_environ(stream)
    del environ["wsgi.input_terminated"]
    status, _headers, _body = call(UnsizedBodyLimit(inner), environ)
    assert status == HTTPStatus.OK and stream.read_bytes == 0


@pytest.mark.django_db
def test_the_served_application_refuses_a_chunked_body_over_the_limit(settings) -> None:  # type: ignore[no-untyped-def]
    """``samtrygg.wsgi.application``, what gunicorn serves, is wrapped."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    status, _headers, body = call(application, chunked_environ(CountingStream(5 * MB)))
    assert status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert "1 MB" in json.loads(body)["detail"]
