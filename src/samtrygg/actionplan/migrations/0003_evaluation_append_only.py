"""The database itself refuses updates of stored evaluation results (SQLite and PostgreSQL).

Deletes are refused by the application (and by the PROTECT foreign keys that point at a
run); a database-level DELETE trigger would also block the test runner's table flush on
SQLite, as for the access log.
"""

from django.db import migrations

TABLE = "actionplan_evaluationrun"

SQLITE_UP = f"""
CREATE TRIGGER {TABLE}_no_update
BEFORE UPDATE ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, '{TABLE} is append-only: stored evaluation results cannot be changed');
END;
"""
SQLITE_DOWN = f"DROP TRIGGER IF EXISTS {TABLE}_no_update;"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION {TABLE}_refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{TABLE} is append-only: stored evaluation results cannot be changed';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {TABLE}_no_update
BEFORE UPDATE ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse_update();
"""
POSTGRES_DOWN = f"""
DROP TRIGGER IF EXISTS {TABLE}_no_update ON {TABLE};
DROP FUNCTION IF EXISTS {TABLE}_refuse_update();
"""


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in sql_by_vendor:
            raise RuntimeError(f"unsupported database {vendor}")
        schema_editor.execute(sql_by_vendor[vendor])

    return run


class Migration(migrations.Migration):
    dependencies = [("actionplan", "0002_default_methods")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
