"""The database itself refuses updates of published versions, their images, withdrawals
and report events (SQLite and PostgreSQL).

Deletes are refused by the application (and by PROTECT foreign keys); a database-level
DELETE trigger would also block the test runner's table flush on SQLite, as for the
access log.
"""

from django.db import migrations

TABLES = (
    "situation_situationversion",
    "situation_versionasset",
    "situation_versionwithdrawal",
    "situation_reportevent",
)


def _sqlite_up(table):
    return f"""
CREATE TRIGGER {table}_no_update
BEFORE UPDATE ON {table}
BEGIN
    SELECT RAISE(ABORT, '{table} is frozen: published versions cannot be changed');
END;
"""


def _postgres_up(table):
    return f"""
CREATE OR REPLACE FUNCTION {table}_refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{table} is frozen: published versions cannot be changed';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_no_update
BEFORE UPDATE ON {table}
FOR EACH ROW EXECUTE FUNCTION {table}_refuse_update();
"""


def _sqlite_down(table):
    return f"DROP TRIGGER IF EXISTS {table}_no_update;"


def _postgres_down(table):
    return f"""
DROP TRIGGER IF EXISTS {table}_no_update ON {table};
DROP FUNCTION IF EXISTS {table}_refuse_update();
"""


def _run(builders):
    def run(apps, schema_editor):
        build = builders.get(schema_editor.connection.vendor)
        if build is None:
            raise RuntimeError(f"unsupported database {schema_editor.connection.vendor}")
        for table in TABLES:
            schema_editor.execute(build(table))

    return run


class Migration(migrations.Migration):
    dependencies = [("situation", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": _sqlite_up, "postgresql": _postgres_up}),
            _run({"sqlite": _sqlite_down, "postgresql": _postgres_down}),
        )
    ]
