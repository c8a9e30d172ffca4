"""The data version row and the triggers that bump it (samtrygg.incidents.dataversion).

The SQL is written here, not imported, so this migration means the same thing for ever.
"""

from django.db import migrations, models

TABLES = (
    "incidents_incident",
    "incidents_incidentarea",
    "incidents_category",
    "areas_area",
    "areas_areapopulation",
    "areas_place",
    "accounts_organisation",
)

# SQLite: row triggers only. Each bump draws a new random token (see the module).
SQLITE_BUMP = (
    "INSERT INTO incidents_dataversion (id, version, token) "
    "VALUES (1, 1, lower(hex(randomblob(8)))) "
    "ON CONFLICT (id) DO UPDATE SET version = version + 1, token = excluded.token;"
)

# PostgreSQL: one bump per statement (a bulk insert of thousands of rows bumps once), and
# TRUNCATE too. The row lock is held to the end of the writing transaction.
POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION samtrygg_data_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incidents_dataversion (id, version, token)
  VALUES (1, 1, substr(md5(random()::text || clock_timestamp()::text), 1, 16))
  ON CONFLICT (id) DO UPDATE
    SET version = incidents_dataversion.version + 1, token = EXCLUDED.token;
  RETURN NULL;
END
$$;
"""


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    run = schema_editor.execute
    if vendor == "sqlite":
        for table in TABLES:
            for op in ("INSERT", "UPDATE", "DELETE"):
                run(
                    f"CREATE TRIGGER data_version_{table}_{op.lower()} AFTER {op} ON {table} "
                    f"BEGIN {SQLITE_BUMP} END"
                )
    elif vendor == "postgresql":
        run(POSTGRES_FUNCTION)
        for table in TABLES:
            run(
                f"CREATE TRIGGER data_version_bump AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION samtrygg_data_version_bump()"
            )
    else:
        raise RuntimeError(f"no data version triggers for {vendor}")
    # The first version, so the row exists before the first write.
    run("INSERT INTO incidents_dataversion (id, version, token) VALUES (1, 1, 'initial')")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            for op in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS data_version_{table}_{op}")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS data_version_bump ON {table}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS samtrygg_data_version_bump()")


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_api_tokens"),
        ("areas", "0002_display_geometry"),
        ("incidents", "0005_import_job_done_rows"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
                ("token", models.CharField(max_length=32)),
            ],
            options={"db_table": "incidents_dataversion"},
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
