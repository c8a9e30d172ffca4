"""Imports published in pieces (samtrygg.incidents.publication): the table of imports in
progress, and each incident's import batch, which hides it while its import is in there.

Deleting an import's row publishes its incidents, so the table bumps the data version as
the other watched tables do (0006 on SQLite, 0007 on PostgreSQL). The SQL is written here,
not imported, so this migration means the same thing for ever.
"""

from django.db import migrations, models

TABLE = "incidents_pendingimport"
SQLITE_BUMP = (
    "INSERT INTO incidents_dataversion (id, version, token) "
    "VALUES (1, 1, lower(hex(randomblob(8)))) "
    "ON CONFLICT (id) DO UPDATE SET version = version + 1, token = excluded.token;"
)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    run = schema_editor.execute
    if vendor == "sqlite":
        for op in ("INSERT", "UPDATE", "DELETE"):
            run(
                f"CREATE TRIGGER data_version_{TABLE}_{op.lower()} AFTER {op} ON {TABLE} "
                f"BEGIN {SQLITE_BUMP} END"
            )
    elif vendor == "postgresql":
        run(
            f"CREATE TRIGGER data_version_bump AFTER TRUNCATE ON {TABLE} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION samtrygg_data_version_bump()"
        )
        run(
            f"CREATE CONSTRAINT TRIGGER data_version_at_commit "
            f"AFTER INSERT OR UPDATE OR DELETE ON {TABLE} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            f"EXECUTE FUNCTION samtrygg_data_version_bump_at_commit()"
        )
    else:
        raise RuntimeError(f"no data version triggers for {vendor}")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for op in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS data_version_{TABLE}_{op}")
    else:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS data_version_at_commit ON {TABLE}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS data_version_bump ON {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0007_data_version_at_commit"),
    ]

    operations = [
        migrations.CreateModel(
            name="PendingImport",
            fields=[
                (
                    "key",
                    models.BigIntegerField(primary_key=True, serialize=False, verbose_name="key"),
                ),
                ("owner", models.CharField(max_length=200, verbose_name="owner")),
                ("started_at", models.DateTimeField(verbose_name="started")),
                ("touched_at", models.DateTimeField(verbose_name="last written")),
                ("discarding", models.BooleanField(default=False, verbose_name="being removed")),
            ],
            options={
                "verbose_name": "import being published",
                "verbose_name_plural": "imports being published",
                "db_table": "incidents_pendingimport",
            },
        ),
        migrations.AddField(
            model_name="incident",
            name="import_batch",
            field=models.BigIntegerField(
                blank=True, editable=False, null=True, verbose_name="import batch"
            ),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(
                condition=models.Q(("import_batch__isnull", False)),
                fields=["import_batch"],
                name="incident_import_batch",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
