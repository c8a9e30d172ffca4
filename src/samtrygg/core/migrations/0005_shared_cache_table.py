"""The table of the ``shared`` cache (SHARED_CACHE_URL, by default ``dbcache://samtrygg_cache``):
created by ``migrate`` so that no deployment step can forget it. Does nothing when the shared
cache is not a database cache."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps: Any, schema_editor: Any) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_accesslogentry_object_ids")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
