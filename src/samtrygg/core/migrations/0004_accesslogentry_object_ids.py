"""The records a list, map or export held, for "who read this record".

Adding a column makes SQLite rebuild the table, which drops its triggers: the append-only
triggers of 0002 (no update) and 0003 (no delete) are created again, unchanged, afterwards.
"""

from django.db import migrations, models

from samtrygg.core.dbguard import guard_statements, unguard_statements

SQLITE_NO_UPDATE = """
CREATE TRIGGER IF NOT EXISTS core_accesslogentry_no_update
BEFORE UPDATE ON core_accesslogentry
BEGIN
    SELECT RAISE(ABORT, 'access log is append-only');
END;
"""


def recreate_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL adds the column in place and keeps its triggers
    schema_editor.execute(SQLITE_NO_UPDATE)
    for statement in [*unguard_statements("sqlite"), *guard_statements("sqlite")]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_access_log_no_delete")]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="object_ids",
            field=models.TextField(blank=True, default="", verbose_name="records read"),
        ),
        migrations.RunPython(recreate_triggers, migrations.RunPython.noop),
    ]
