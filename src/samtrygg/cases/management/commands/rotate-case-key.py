"""``samtrygg rotate-case-key``: re-encrypt every case under the current CASE_DATA_KEY."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from samtrygg.cases.crypto import CaseKeyError
from samtrygg.cases.services import case_keys_rotate, master_keys_in_use


class Command(BaseCommand):
    help = (
        "Give every case a new data key wrapped by the first key in CASE_DATA_KEY and "
        "encrypt every value again, recomputing the personnummer hashes. Put the new key "
        "first and keep the old ones after it until this has run; then remove them."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            try:
                report = case_keys_rotate()
            except CaseKeyError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                _("Re-encrypted %(values)d values in %(cases)d cases under key %(key)s.")
                % {"values": report.values, "cases": report.cases, "key": report.master_key_id}
            )
            left = master_keys_in_use() - {report.master_key_id}
            if left:
                self.stdout.write(
                    _("Still in use: %(keys)s. Run the command again.")
                    % {"keys": ", ".join(sorted(left))}
                )
            else:
                self.stdout.write(
                    _("No case uses an older key any more: remove the old keys from CASE_DATA_KEY.")
                )
