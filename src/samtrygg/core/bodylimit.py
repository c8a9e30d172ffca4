"""The request-body limits for a body sent without a length (``Transfer-Encoding: chunked``).

``RequestSizeLimitMiddleware`` refuses a declared ``Content-Length`` above the limits before
anything is read. A chunked body declares no length: gunicorn passes it on de-chunked with
``wsgi.input_terminated`` set, and Django, which reads only as many bytes as
``CONTENT_LENGTH`` says, would see an empty body. This WSGI wrapper (``samtrygg.wsgi``) reads
such a body before Django does, counting the bytes as they arrive: past the limit (file
uploads ``UPLOAD_MAX_MB``, any other body ``REQUEST_BODY_MAX_MB``) it stops reading and
answers 413; under it, the body is handed on with its real length, kept in memory up to
Django's ``FILE_UPLOAD_MAX_MEMORY_SIZE`` and in a temporary file beyond.

A server that does not mark its input as terminated (Django's development server) gives a
stream that must not be read past ``CONTENT_LENGTH``; such a request is passed on untouched.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

#: Bytes read at a time from a body without a length.
BLOCK = 64 * 1024


class BodyTooLarge(Exception):
    pass


def body_limit(environ: dict[str, Any]) -> int:
    """The limit for this request's body: file uploads (multipart) or any other body."""
    multipart = str(environ.get("CONTENT_TYPE", "")).startswith("multipart/")
    return settings.UPLOAD_MAX_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def too_large_message(limit: int) -> str:
    return _("The request is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}


def has_unsized_body(environ: dict[str, Any]) -> bool:
    """A body the server has de-chunked and ended for us, without a declared length."""
    if str(environ.get("CONTENT_LENGTH") or "").strip():
        return False
    if not environ.get("wsgi.input_terminated"):
        return False
    return "chunked" in str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower()


def spool_body(stream: Any, limit: int) -> tuple[Any, int]:
    """Read ``stream`` to its end into a spooled file, raising ``BodyTooLarge`` as soon as
    more than ``limit`` bytes have arrived (the rest is not read)."""
    # Handed on to Django as the request's input, so not closed here.
    spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    size = 0
    while True:
        block = stream.read(min(BLOCK, limit + 1 - size))
        if not block:
            break
        size += len(block)
        if size > limit:
            spool.close()
            raise BodyTooLarge
        spool.write(block)
    spool.seek(0)
    return spool, size


def _language(environ: dict[str, Any]) -> str:
    cookies = str(environ.get("HTTP_COOKIE", ""))
    supported = {code for code, _name in settings.LANGUAGES}
    for part in cookies.split(";"):
        name, _sep, value = part.strip().partition("=")
        if name == settings.LANGUAGE_COOKIE_NAME and value in supported:
            return value
    return settings.LANGUAGE_CODE


def refuse(environ: dict[str, Any], start_response: Callable[..., Any], limit: int) -> list[bytes]:
    with translation.override(_language(environ)):
        message = too_large_message(limit)
    if str(environ.get("PATH_INFO", "")).startswith("/api/"):
        body = json.dumps({"detail": message}).encode()
        content_type = "application/json"
    else:
        body = message.encode()
        content_type = "text/plain; charset=utf-8"
    start_response(
        "413 Request Entity Too Large",
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            # The rest of the body was not read: the connection cannot carry another request.
            ("Connection", "close"),
        ],
    )
    return [body]


class UnsizedBodyLimit:
    """WSGI wrapper: the body limits for a chunked body, counted as it is read."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        if not has_unsized_body(environ):
            return self.app(environ, start_response)
        limit = body_limit(environ)
        try:
            spool, size = spool_body(environ["wsgi.input"], limit)
        except BodyTooLarge:
            return refuse(environ, start_response, limit)
        environ["wsgi.input"] = spool
        environ["CONTENT_LENGTH"] = str(size)
        return self.app(environ, start_response)
