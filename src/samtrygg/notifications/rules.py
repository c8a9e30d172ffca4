"""Who may see notifications and the e-mail outbox.

* A notification is its recipient's alone: nobody else sees it, not the coordinator.
* The e-mail page (failed, uncertain and queued e-mails, with retry): coordinators
  (``notifications.admin``). It never shows a public subscriber's address.
* Preferences and subscriptions: each user their own (services check ``actor``).
"""

from __future__ import annotations

from samtrygg.core.permissions import Permissions, register_capability, register_object_rules
from samtrygg.core.roles import Role
from samtrygg.notifications.models import EmailDelivery, Notification

register_capability("notifications.admin", roles={Role.COORDINATOR})


def _own(perms: Permissions, obj: Notification) -> bool:
    user_id = getattr(perms.user, "pk", None)
    return (
        user_id is not None
        and getattr(perms.user, "is_authenticated", False)
        and (obj.recipient_id == user_id)
    )


register_object_rules(
    Notification,
    view=_own,
    change=_own,
    queryset=lambda perms, qs: (
        qs.filter(recipient_id=perms.user.pk)
        if getattr(perms.user, "is_authenticated", False)
        else qs.none()
    ),
)
register_object_rules(
    EmailDelivery,
    view=lambda perms, obj: perms.can("notifications.admin"),
    change=lambda perms, obj: perms.can("notifications.admin"),
    queryset=lambda perms, qs: qs if perms.can("notifications.admin") else qs.none(),
)
