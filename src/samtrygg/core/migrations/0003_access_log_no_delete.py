"""The database itself refuses deletes of access-log rows (and TRUNCATE on PostgreSQL).

The SQL is in ``samtrygg.core.dbguard``, which also lifts it for a whole-database flush
(the test runner's), the one case where emptying the table is intended.
"""

from django.db import migrations

from samtrygg.core.dbguard import guard_statements, unguard_statements


def _install(apps, schema_editor):
    for statement in guard_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def _remove(apps, schema_editor):
    for statement in unguard_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_access_log_append_only")]

    operations = [migrations.RunPython(_install, _remove)]
