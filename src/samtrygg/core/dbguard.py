"""The database's own refusal to delete access-log rows, and its one sanctioned lifting.

SECURITY.md promises that the database, not only the application, refuses to change the
access log. Updates are refused by migration 0002; deletes (and TRUNCATE on PostgreSQL) by
the triggers defined here and installed by migration 0003. The only code that may lift them
is a whole-database flush (the test runner between live-server tests, a restore into a
database that is being replaced): :func:`flush_lifting_guards` wraps such a flush so that
the triggers are dropped and re-created inside it, and nothing else gets past them.
"""

from __future__ import annotations

TABLE = "core_accesslogentry"
MESSAGE = "access log is append-only: rows cannot be deleted"

SQLITE_UP = [
    f"""CREATE TRIGGER {TABLE}_no_delete
BEFORE DELETE ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, '{MESSAGE}');
END;""",
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {TABLE}_no_delete;"]

POSTGRES_UP = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse_delete() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}';
END;
$$ LANGUAGE plpgsql;""",
    f"""CREATE TRIGGER {TABLE}_no_delete
BEFORE DELETE ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse_delete();""",
    f"""CREATE TRIGGER {TABLE}_no_truncate
BEFORE TRUNCATE ON {TABLE}
FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_refuse_delete();""",
]
POSTGRES_DOWN = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE};",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete ON {TABLE};",
    f"DROP FUNCTION IF EXISTS {TABLE}_refuse_delete();",
]

GUARD_SQL = {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}
UNGUARD_SQL = {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}


def guard_statements(vendor: str) -> list[str]:
    """The statements that install the delete guard on this database vendor."""
    try:
        return list(GUARD_SQL[vendor])
    except KeyError:
        raise RuntimeError(f"unsupported database {vendor}") from None


def unguard_statements(vendor: str) -> list[str]:
    """The statements that remove the delete guard on this database vendor."""
    try:
        return list(UNGUARD_SQL[vendor])
    except KeyError:
        raise RuntimeError(f"unsupported database {vendor}") from None


def flush_lifting_guards(vendor: str, statements: list[str]) -> list[str]:
    """A whole-database flush (``statements``) with the guard lifted only around it.

    Used for flushes that empty every table at once; the guard is back before the
    statements' transaction commits, so no other statement ever runs without it.
    """
    if not any(TABLE in statement for statement in statements):
        return statements
    return [*unguard_statements(vendor), *statements, *guard_statements(vendor)]
