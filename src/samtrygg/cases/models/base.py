"""Rows with encrypted fields (see ``samtrygg.cases.crypto``)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.db import models

if TYPE_CHECKING:
    from samtrygg.cases.crypto import Cipher


class Sealed(models.Model):
    """A row whose fields named in ``ENCRYPTED_FIELDS`` live encrypted in ``<name>_enc``.

    Every value is bound to this row's ``uuid`` and its field name, so a value copied to
    another row or column does not decrypt. Plain values never reach the database: they are
    sealed by the services and unsealed only by the selectors that log the read.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    ENCRYPTED_FIELDS: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def aad(self, field: str) -> str:
        return f"{self._meta.label_lower}:{self.uuid}:{field}"

    def seal(self, cipher: Cipher, **values: str) -> None:
        for field, value in values.items():
            if field not in self.ENCRYPTED_FIELDS:
                raise ValueError(f"{type(self).__name__}.{field} is not an encrypted field")
            setattr(self, f"{field}_enc", cipher.encrypt(value or "", aad=self.aad(field)))

    def unseal(self, cipher: Cipher, field: str) -> str:
        if field not in self.ENCRYPTED_FIELDS:
            raise ValueError(f"{type(self).__name__}.{field} is not an encrypted field")
        return cipher.decrypt(getattr(self, f"{field}_enc"), aad=self.aad(field))

    def has(self, field: str) -> bool:
        return bool(getattr(self, f"{field}_enc"))


def sealed_field() -> models.TextField:
    """The column of one encrypted value (empty when there is no value)."""
    return models.TextField(blank=True, default="", editable=False)
