"""API plumbing: each app contributes its endpoints from ``<app>/api.py``.

An app's ``api.py`` may define ``register(router)`` to add viewsets to the shared router,
and ``urlpatterns`` for plain API views; all are served under ``/api/v1/``.
"""

from importlib import import_module

from django.conf import settings
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from samtrygg.api.schema import schema

router = DefaultRouter()
app_urlpatterns: list = []

for app in settings.SAMTRYGG_APPS:
    try:
        module = import_module(f"{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.api":
            raise
        continue
    if hasattr(module, "register"):
        module.register(router)
    app_urlpatterns.extend(getattr(module, "urlpatterns", []))

app_name = "api"

urlpatterns = [
    path("schema/", schema, name="schema"),
    path("v1/", include((app_urlpatterns + router.urls, "v1"), namespace="v1")),
]
