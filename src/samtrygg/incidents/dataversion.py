"""The data version: one row that every write to what a picture reads changes.

Database triggers (migrations ``incidents.0006``, ``0007`` and ``0008``) bump the row with every
write to a table in ``WATCHED_TABLES`` (on PostgreSQL once per writing transaction, as it
commits): whatever writes (a service, a bulk insert, ``QuerySet.update``, a cascade delete,
raw SQL, ``loaddata``, a migration) cannot forget it. Each bump draws a new random token, so
a version names one committed state of the data: a bump rolled back and redone, a flushed
test database or a restored backup never reuses a token for other data. Reading it is one
primary-key read
(docs/situation.md, "The data version").
"""

from __future__ import annotations

from django.db import connection, models

#: Every table a picture reads (incidents, their area links, categories, areas, their
#: populations, named places, source organisations' names, and the imports in progress,
#: whose rows are hidden).
WATCHED_TABLES = (
    "incidents_incident",
    "incidents_incidentarea",
    "incidents_category",
    "areas_area",
    "areas_areapopulation",
    "areas_place",
    "accounts_organisation",
    "incidents_pendingimport",  # deleting an import's row publishes its incidents
)


class DataVersion(models.Model):
    """The one row (``id`` 1) the triggers write; never written from Python."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)
    token = models.CharField(max_length=32)

    class Meta:
        db_table = "incidents_dataversion"

    def __str__(self) -> str:
        return f"{self.version}.{self.token}"


def data_version() -> str:
    """The current data version (``"0"`` before the first write).

    On PostgreSQL the bump waits for the writing transaction's commit (migration 0007). Read
    inside a transaction, the writes it has made so far are bumped now, so a picture computed
    there after a write is keyed by a version of its own; clearing the flag lets a later
    write in the same transaction bump again.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            cursor.execute("SET CONSTRAINTS data_version_at_commit IMMEDIATE")
            cursor.execute("SELECT set_config('samtrygg.data_version_bumped', '', true)")
        cursor.execute("SELECT version, token FROM incidents_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return "0" if row is None else f"{row[0]}.{row[1]}"
