"""The database itself refuses updates of access-log rows (SQLite and PostgreSQL).

Deletes are refused by the application; a database-level DELETE trigger would also
block the test runner's table flush on SQLite, so it is not added.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER core_accesslogentry_no_update
BEFORE UPDATE ON core_accesslogentry
BEGIN
    SELECT RAISE(ABORT, 'access log is append-only');
END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS core_accesslogentry_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION core_accesslogentry_refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_accesslogentry_no_update
BEFORE UPDATE ON core_accesslogentry
FOR EACH ROW EXECUTE FUNCTION core_accesslogentry_refuse_update();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS core_accesslogentry_no_update ON core_accesslogentry;
DROP FUNCTION IF EXISTS core_accesslogentry_refuse_update();
"""


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql is None:
            raise RuntimeError(f"unsupported database {schema_editor.connection.vendor}")
        schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
