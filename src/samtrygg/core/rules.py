"""Capabilities of the core app."""

from samtrygg.core.permissions import register_capability
from samtrygg.core.roles import Role

register_capability("audit.read", roles={Role.AUDITOR})
register_capability("access_log.read", roles={Role.AUDITOR})
