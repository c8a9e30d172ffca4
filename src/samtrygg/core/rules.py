"""Capabilities of the core app."""

from samtrygg.core.permissions import register_capability

register_capability("audit.read", roles={"auditor"})
register_capability("access_log.read", roles={"auditor"})
