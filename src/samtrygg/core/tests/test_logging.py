"""The log says one line for an expected refusal, and nothing per task that succeeded."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse


def test_a_refused_page_logs_one_line_without_traceback(client_for, caplog) -> None:  # type: ignore[no-untyped-def]
    client = client_for("reporter")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("accounts:organisation_list"))
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text
    assert "/accounts/organisations/" in records[0].getMessage()


@pytest.mark.parametrize(
    ("level", "shown"), [(logging.INFO, False), (logging.WARNING, True), (logging.ERROR, True)]
)
def test_task_worker_logs_failures_only(caplog, level: int, shown: bool) -> None:  # type: ignore[no-untyped-def]
    tasks_logger = logging.getLogger("django_tasks")
    # The worker lowers its loggers' level to INFO; the filter must hold regardless.
    tasks_logger.setLevel(logging.INFO)
    with caplog.at_level(logging.DEBUG):
        tasks_logger.log(level, "Task id=%s path=%s state=%s", "1", "x.y", "SUCCESSFUL")
    assert bool(caplog.records) is shown
