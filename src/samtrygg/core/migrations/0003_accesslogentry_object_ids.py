"""The records a list, map or export held, for "who read this record".

Adding a column makes SQLite rebuild the table, which drops its triggers: the append-only
trigger of 0002 is created again (unchanged) afterwards.
"""

from django.db import migrations, models

SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS core_accesslogentry_no_update
BEFORE UPDATE ON core_accesslogentry
BEGIN
    SELECT RAISE(ABORT, 'access log is append-only');
END;
"""


def recreate_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_access_log_append_only")]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="object_ids",
            field=models.TextField(blank=True, default="", verbose_name="records read"),
        ),
        migrations.RunPython(recreate_trigger, migrations.RunPython.noop),
    ]
