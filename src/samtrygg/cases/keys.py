"""Each case's data key: created with the case, unwrapped to read or write its values."""

from __future__ import annotations

import datetime as dt
import uuid

from samtrygg.cases.crypto import Cipher, new_data_key, unwrap_data_key, wrap_data_key
from samtrygg.cases.models import Case, CaseKey, PersonRole


def case_key_create(case: Case) -> Cipher:
    """A new random data key for ``case``, stored wrapped by the current master key."""
    data_key = new_data_key()
    key_id = uuid.uuid4().hex
    master_key_id, wrapped = wrap_data_key(data_key, key_id=key_id)
    CaseKey.objects.create(case=case, key_id=key_id, master_key_id=master_key_id, wrapped=wrapped)
    cipher = Cipher(key_id=key_id, data_key=data_key)
    case.__dict__["_cipher"] = cipher
    return cipher


def cipher_for(case: Case) -> Cipher:
    """The cipher of ``case`` (unwrapped once per case object)."""
    cached = case.__dict__.get("_cipher")
    if cached is not None:
        return cached
    key = CaseKey.objects.get(case=case)
    data_key = unwrap_data_key(key.wrapped, master_key_id=key.master_key_id, key_id=key.key_id)
    cipher = Cipher(key_id=key.key_id, data_key=data_key)
    case.__dict__["_cipher"] = cipher
    return cipher


def subject_birth_date(case: Case) -> dt.date | None:
    """The birth date of the person the case is about (decrypted for a rule that depends on
    age, never shown)."""
    subject = case.persons.filter(role=PersonRole.SUBJECT).first()
    if subject is None or not subject.has("birth_date"):
        return None
    return dt.date.fromisoformat(subject.unseal(cipher_for(case), "birth_date"))
