"""``samtrygg generate-case-key``: print a new random key for CASE_DATA_KEY."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samtrygg.cases.crypto import generate_master_key


class Command(BaseCommand):
    help = "Print a new random 256-bit key (base64) for CASE_DATA_KEY. Keep it secret."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(generate_master_key())
