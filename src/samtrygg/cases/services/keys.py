"""Key rotation: every case gets a new data key, wrapped by the current master key, and
every encrypted value is encrypted again under it (``samtrygg rotate-case-key``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import transaction

from samtrygg.cases.crypto import (
    Cipher,
    current_master,
    lookup_hash,
    new_data_key,
    unwrap_data_key,
    wrap_data_key,
)
from samtrygg.cases.models import SEALED_MODELS, Case, CaseKey, CasePerson
from samtrygg.core.permissions import system_service


@dataclass
class RotationReport:
    master_key_id: str
    cases: int = 0
    values: int = 0
    previous_master_ids: set[str] = field(default_factory=set)
    without_key: int = 0  # cases that never had a key (so hold no encrypted value)


def _rotate_case(case: Case, report: RotationReport) -> None:
    key = CaseKey.objects.select_for_update().filter(case=case).first()
    if key is None:
        report.without_key += 1
        return
    report.previous_master_ids.add(key.master_key_id)
    old = Cipher(
        key_id=key.key_id,
        data_key=unwrap_data_key(key.wrapped, master_key_id=key.master_key_id, key_id=key.key_id),
    )
    new_key = new_data_key()
    new = Cipher(key_id=uuid.uuid4().hex, data_key=new_key)
    for model in SEALED_MODELS:
        for row in model.objects.filter(case=case):
            changed = []
            for name in row.ENCRYPTED_FIELDS:
                token = getattr(row, f"{name}_enc")
                if not token:
                    continue
                plain = old.decrypt(token, aad=row.aad(name))
                setattr(row, f"{name}_enc", new.encrypt(plain, aad=row.aad(name)))
                changed.append(f"{name}_enc")
                report.values += 1
                if isinstance(row, CasePerson) and name == "identity_number":
                    row.identity_hash = lookup_hash(plain)
                    changed.append("identity_hash")
            if changed:
                row.save(update_fields=changed)
    master_key_id, wrapped = wrap_data_key(new_key, key_id=new.key_id)
    key.key_id, key.master_key_id, key.wrapped = new.key_id, master_key_id, wrapped
    key.save(update_fields=["key_id", "master_key_id", "wrapped"])
    case.__dict__.pop("_cipher", None)
    report.cases += 1


@system_service("`samtrygg rotate-case-key`, run by an operator on the server")
def case_keys_rotate() -> RotationReport:
    """Re-encrypt every case under a fresh data key wrapped by the current master key. Each
    case is one transaction: a run that stops half-way leaves every case readable (the old
    master key still decrypts the ones not reached) and can simply be run again."""
    report = RotationReport(master_key_id=current_master().key_id)
    for case_id in Case.objects.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=case_id)
            _rotate_case(case, report)
    return report


def master_keys_in_use() -> set[str]:
    return set(CaseKey.objects.values_list("master_key_id", flat=True).distinct())
