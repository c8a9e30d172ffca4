"""The notification tasks (defined beside the services they run): the outbox flush, queued
after every new e-mail and for retries, and the daily run, which queues the next one."""

from samtrygg.notifications.services import daily_run_task, outbox_flush_task

__all__ = ["daily_run_task", "outbox_flush_task"]
