"""SQLite's staged import publishes its new rows in pieces, each a short transaction, and
shows them all at once at the last (``staging.publish``, ``publication``): nothing is
visible in between, a failure or a racing clean-up leaves nothing, unchanged rows are not
rewritten, and an area change in between keeps the hidden rows' links."""

from __future__ import annotations

import csv
import datetime as dt
import os
import socket
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone, translation

from samtrygg.core.housekeeping import housekeeping_run
from samtrygg.incidents import publication, staging
from samtrygg.incidents.assignment import incident_areas_reassign
from samtrygg.incidents.models import Incident, IncidentArea, PendingImport
from samtrygg.incidents.readers import ImportRefused
from samtrygg.incidents.staging import StagedIncidentSink

from .test_staged_import import _import as staged_import

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="publishing in pieces is SQLite's: PostgreSQL imports in one transaction",
    ),
]


def _write(path: Path, rows: int, *, lon: str = "16.52", description: str = "n") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "occurred_from", "category", "lon", "lat", "description"])
        for i in range(rows):
            writer.writerow([f"P-{i}", "2025-05-01 12:00", "klotter", lon, "59.61", description])
    return path


def _import(path: Path, source: Any, **options: Any) -> Any:
    return staged_import(path, source, publish_rows=100, **options)  # chunks of 100 too


def test_pieces_are_hidden_until_the_last_transaction(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path, client_for
) -> None:
    api = client_for("analyst")
    seen: list[tuple[int, int, int, int, int]] = []

    def published(done: int, total: int) -> None:
        listed = api.get("/api/v1/incidents/?limit=5").json()["count"]
        seen.append((done, total, Incident.objects.count(), Incident.all_objects.count(), listed))

    before = api.get("/api/v1/incidents/?limit=5").json()["count"]
    report = _import(_write(tmp_path / "a.csv", 350), source, published=published)
    assert (report.created, report.updated, report.area_links) == (350, 0, 350)
    # Four pieces committed one by one, none visible to the ORM or the API.
    assert seen == [
        (100, 350, before, before + 100, before),
        (200, 350, before, before + 200, before),
        (300, 350, before, before + 300, before),
        (350, 350, before, before + 350, before),
    ]
    assert Incident.objects.count() == before + 350
    assert api.get("/api/v1/incidents/?limit=5").json()["count"] == before + 350
    assert PendingImport.objects.count() == 0
    # One batch key names the import's rows; ids follow the file's order.
    batches = set(
        Incident.objects.filter(external_id__startswith="P-").values_list("import_batch", flat=True)
    )
    assert len(batches) == 1 and None not in batches
    ids = [Incident.objects.get(external_id=f"P-{i}").pk for i in (0, 99, 100, 349)]
    assert ids == sorted(ids)


def test_a_failure_between_pieces_leaves_nothing(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path
) -> None:
    def published(done: int, total: int) -> None:
        if done >= 200:
            raise RuntimeError("stopped")

    with pytest.raises(RuntimeError, match="stopped"):
        _import(_write(tmp_path / "a.csv", 350), source, published=published)
    assert Incident.all_objects.count() == 0 and IncidentArea.objects.count() == 0
    assert PendingImport.objects.count() == 0
    again = _import(tmp_path / "a.csv", source)
    assert (again.created, again.updated) == (350, 0) and Incident.objects.count() == 350


def test_a_clean_up_racing_the_publish_publishes_nothing(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path
) -> None:
    """Housekeeping (wrongly) taking a live import for abandoned marks it first: the
    import can then neither write another piece nor publish what it wrote."""

    def published(done: int, total: int) -> None:
        if done == 100:
            publication.pending_import_discard(PendingImport.objects.get().key)

    with pytest.raises(publication.PublicationLost):
        _import(_write(tmp_path / "a.csv", 350), source, published=published)
    assert Incident.all_objects.count() == 0 and PendingImport.objects.count() == 0


def test_a_killed_import_is_cleaned_by_the_next_and_by_housekeeping(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path, monkeypatch
) -> None:
    """Hidden rows whose owner is gone (a process killed while publishing: it cleans
    nothing up, and its list of imports in progress dies with it) are removed by the next
    import, which then imports the same ids, and by the worker's housekeeping."""

    def killed(done: int, total: int) -> None:
        raise KeyboardInterrupt

    def left_behind() -> None:
        with monkeypatch.context() as patch:
            patch.setattr(staging, "pending_import_abandon", publication._ACTIVE.discard)
            with pytest.raises(KeyboardInterrupt):
                _import(_write(tmp_path / "a.csv", 150), source, published=killed)
        assert Incident.objects.count() == 0 and Incident.all_objects.count() == 100
        assert PendingImport.objects.count() == 1

    left_behind()
    report = _import(tmp_path / "a.csv", source)
    assert (report.created, report.updated) == (150, 0)
    assert Incident.all_objects.count() == 150 and PendingImport.objects.count() == 0

    Incident.all_objects.all().delete()
    left_behind()
    outcome = housekeeping_run()["abandoned_imports"]
    assert outcome.startswith("100 ")
    assert Incident.all_objects.count() == 0 and PendingImport.objects.count() == 0


def test_whose_rows_are_abandoned() -> None:
    now = timezone.now()
    fresh, stale = now, now - publication.STALE_AFTER - dt.timedelta(minutes=1)
    me = publication.process_identity()
    publication._ACTIVE.add(7)
    try:
        assert not publication.owner_is_gone(7, me, stale, now)  # publishing now
        assert publication.owner_is_gone(8, me, fresh, now)  # this process's failed one
    finally:
        publication._ACTIVE.discard(7)
    host = socket.gethostname()
    parent = os.getppid()
    parent_owner = f"{host}:{parent}:{publication._start_time(parent)}"
    assert not publication.owner_is_gone(1, parent_owner, stale, now)  # alive
    assert publication.owner_is_gone(1, f"{host}:{parent}:1", fresh, now)  # pid re-used
    assert publication.owner_is_gone(1, f"{host}:999999999:", fresh, now)  # no such pid
    assert not publication.owner_is_gone(1, "elsewhere:12:34", fresh, now)  # can't tell yet
    assert publication.owner_is_gone(1, "elsewhere:12:34", stale, now)


def test_a_re_import_rewrites_only_the_rows_it_changes(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path, monkeypatch
) -> None:
    _import(_write(tmp_path / "a.csv", 150), source)
    stamp = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    Incident.objects.update(updated_at=stamp, reported_at=stamp)  # an earlier import's time
    path = _write(tmp_path / "b.csv", 150)
    rows = path.read_text().splitlines()
    rows[5] = rows[5].replace("16.52", "16.57")  # P-4 moves from west to east
    path.write_text("\n".join(rows) + "\n")
    # Someone else edits two rows after the import has compared them: P-9, which the file
    # does not change, keeps the edit; P-4, which it changes, takes the file's values.
    prepare = StagedIncidentSink.prepare

    def prepare_then_edit(sink: StagedIncidentSink) -> None:
        prepare(sink)
        Incident.objects.filter(external_id__in=["P-4", "P-9"]).update(description="ändrad")

    monkeypatch.setattr(StagedIncidentSink, "prepare", prepare_then_edit)
    report = _import(path, source)
    assert (report.created, report.updated) == (0, 150)
    changed = Incident.objects.filter(updated_at__gt=stamp)
    assert list(changed.values_list("external_id", flat=True)) == ["P-4"]
    moved = Incident.objects.get(external_id="P-4")
    assert moved.description == "n"
    assert list(moved.areas.values_list("code", flat=True)) == ["test-east"]
    assert Incident.objects.get(external_id="P-9").description == "ändrad"
    assert IncidentArea.objects.count() == 150
    # The file gives no reported_at: the time of the import that added a row stays.
    assert set(Incident.objects.values_list("reported_at", flat=True)) == {stamp}


def test_a_re_import_that_moves_a_row_to_another_named_area_relinks_it(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path
) -> None:
    """A row located only by its area: nothing in the incident row changes, only its link."""
    path = tmp_path / "areas.csv"

    def write(code: str) -> Path:
        path.write_text(
            "external_id,occurred_from,category,area\n"
            f"A-1,2025-05-01 12:00,klotter,{code}\nA-2,2025-05-01 12:00,klotter,test-west\n"
        )
        return path

    _import(write("test-west"), source)
    report = _import(write("test-east"), source)
    assert (report.created, report.updated, report.area_links) == (0, 2, 1)
    linked = dict(Incident.objects.values_list("external_id", "areas__code"))
    assert linked == {"A-1": "test-east", "A-2": "test-west"}


def test_a_row_deleted_before_the_last_transaction_refuses_the_import(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path, monkeypatch
) -> None:
    _import(_write(tmp_path / "a.csv", 150), source)
    prepare = StagedIncidentSink.prepare

    def prepare_then_delete(sink: StagedIncidentSink) -> None:
        prepare(sink)
        Incident.objects.filter(external_id="P-7").delete()

    monkeypatch.setattr(StagedIncidentSink, "prepare", prepare_then_delete)
    with (
        translation.override("en"),
        pytest.raises(ImportRefused, match="1 incident this file updates was deleted"),
    ):
        _import(_write(tmp_path / "b.csv", 300, description="ny"), source)
    assert Incident.all_objects.count() == 149 and PendingImport.objects.count() == 0
    assert not Incident.objects.filter(description="ny").exists()
    monkeypatch.setattr(StagedIncidentSink, "prepare", prepare)
    again = _import(tmp_path / "b.csv", source)
    assert (again.created, again.updated) == (151, 149)


def test_an_area_change_while_publishing_keeps_the_hidden_rows_links(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path
) -> None:
    def published(done: int, total: int) -> None:
        if done == 100:
            incident_areas_reassign(area_ids=[a.pk for a in areas.values()])

    _import(_write(tmp_path / "a.csv", 350), source, published=published)
    assert IncidentArea.objects.count() == 350


def test_a_dry_run_counts_without_writing(  # type: ignore[no-untyped-def]
    default_taxonomy, areas, source, tmp_path
) -> None:
    _import(_write(tmp_path / "a.csv", 100), source)
    report = _import(_write(tmp_path / "b.csv", 250), source, dry_run=True)
    assert (report.created, report.updated, report.area_links) == (150, 100, 250)
    assert Incident.all_objects.count() == 100 and PendingImport.objects.count() == 0
