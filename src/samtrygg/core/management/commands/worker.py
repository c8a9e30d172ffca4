"""``samtrygg worker``: the background-task worker that survives a locked database.

The same options as django-tasks-db's ``db_worker`` plus ``--recover``; see
``samtrygg.core.worker`` for what it does differently. ``samtrygg serve`` runs one and
restarts it when it exits.
"""

from __future__ import annotations

import logging
import os
from argparse import ArgumentParser
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from samtrygg.core.worker import ResilientWorker, logger, tasks_recover_interrupted


class Command(db_worker.Command):
    help = "Run the background-task worker (waits out database locks; see samtrygg serve)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--recover",
            action="store_true",
            help="first put tasks left running by a killed worker back in the queue "
            "(only when this is the one worker of this database)",
        )

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        if not logger.hasHandlers():
            logger.addHandler(logging.StreamHandler(self.stdout))
        logger.setLevel(logging.INFO if verbosity else logging.WARNING)

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if options["recover"]:
            recovered = worker.run_until_past_lock("recovering tasks", tasks_recover_interrupted)
            if recovered:
                logger.warning("%d interrupted task(s) queued again", recovered)
        if options["reload"] and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
