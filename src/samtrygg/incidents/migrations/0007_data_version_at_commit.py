"""PostgreSQL: the data version is bumped when the writing transaction commits.

0006 bumped it in every writing statement, which locked the one version row from a
transaction's first write to its commit: a long import in one transaction then held up
every other write to incidents, areas or categories (a report submitted during it waited
for the whole import), and writers could deadlock on it. Here the bump is a deferred
constraint trigger: it runs once per transaction, at commit, so the row is locked only
while the transaction commits. TRUNCATE keeps 0006's immediate bump (a constraint trigger
cannot fire on it, and TRUNCATE locks the whole table anyway). SQLite is unchanged: it has
one writer at a time, and its row triggers stay.

The SQL is written here, not imported, so this migration means the same thing for ever.
"""

from django.db import migrations

TABLES = (
    "incidents_incident",
    "incidents_incidentarea",
    "incidents_category",
    "areas_area",
    "areas_areapopulation",
    "areas_place",
    "accounts_organisation",
)

# The flag is local to the transaction (set_config's third argument), so the first row
# event at commit bumps and the rest return at once. samtrygg.incidents.dataversion clears
# it when it reads the version inside a transaction, so a later write there bumps again.
AT_COMMIT_FUNCTION = """
CREATE OR REPLACE FUNCTION samtrygg_data_version_bump_at_commit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('samtrygg.data_version_bumped', true) = '1' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('samtrygg.data_version_bumped', '1', true);
  INSERT INTO incidents_dataversion (id, version, token)
  VALUES (1, 1, substr(md5(random()::text || clock_timestamp()::text), 1, 16))
  ON CONFLICT (id) DO UPDATE
    SET version = incidents_dataversion.version + 1, token = EXCLUDED.token;
  RETURN NULL;
END
$$;
"""


def at_commit(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run(AT_COMMIT_FUNCTION)
    for table in TABLES:
        run(f"DROP TRIGGER IF EXISTS data_version_bump ON {table}")
        run(
            f"CREATE TRIGGER data_version_bump AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION samtrygg_data_version_bump()"
        )
        run(
            f"CREATE CONSTRAINT TRIGGER data_version_at_commit "
            f"AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            f"EXECUTE FUNCTION samtrygg_data_version_bump_at_commit()"
        )


def per_statement(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    for table in TABLES:
        run(f"DROP TRIGGER IF EXISTS data_version_at_commit ON {table}")
        run(f"DROP TRIGGER IF EXISTS data_version_bump ON {table}")
        run(
            f"CREATE TRIGGER data_version_bump AFTER INSERT OR UPDATE OR DELETE "
            f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION samtrygg_data_version_bump()"
        )
    run("DROP FUNCTION IF EXISTS samtrygg_data_version_bump_at_commit()")


class Migration(migrations.Migration):

    dependencies = [("incidents", "0006_data_version")]

    operations = [migrations.RunPython(at_commit, per_statement)]
