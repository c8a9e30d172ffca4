"""WSGI entry point (gunicorn samtrygg.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samtrygg.settings")
_django = get_wsgi_application()

from samtrygg.core.bodylimit import UnsizedBodyLimit  # noqa: E402  (needs the settings)

# A body sent without a length (chunked) is held to the same limits as one with a length.
application = UnsizedBodyLimit(_django)
