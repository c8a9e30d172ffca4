"""WSGI entry point (gunicorn samtrygg.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samtrygg.settings")
application = get_wsgi_application()
