"""What apps register with the notification service (in ``<app>/notifications.py``).

* ``register_kind(code, label=..., description=..., audience=...)`` — a kind of
  notification the app sends (``governance.decision_assigned``). Only registered kinds can
  be sent; users choose per kind how they want its e-mail.
* ``register_reminder_provider(func)`` — ``func(today)`` yields ``Reminder`` objects; the
  daily run sends each once (its ``key`` says what "once" means: include the due date, so
  a moved due date reminds again).
* ``register_topic_type(code, label=..., choices=...)`` — something users and public
  visitors can follow (``area``, ``council``); ``choices()`` lists public-safe
  ``(id, label)`` pairs.
* ``register_public_category(code, label=...)`` — a category of public information
  (``situation``, ``meetings``, ``safety_walks``); ``public_change_record`` tags each
  change with one, and the ``category`` topic type follows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    code: str
    label: Any
    description: Any = ""
    #: Whether a user may receive this kind (shown on the preferences page); ``None``: all.
    audience: Callable[[Any], bool] | None = None

    def concerns(self, user: Any) -> bool:
        return self.audience is None or bool(self.audience(user))


@dataclass(frozen=True)
class Reminder:
    kind: str
    recipients: Iterable[Any]
    title: str
    key: str
    body: str = ""
    url: str = ""
    #: Organisational addresses without a user account (a finding owner's mailbox); each
    #: gets the reminder as a plain e-mail, once per key.
    addresses: tuple[str, ...] = ()
    #: Extra text for those addresses only (e.g. the owner's personal link).
    address_body: str = ""


@dataclass(frozen=True)
class TopicType:
    code: str
    label: Any
    choices: Callable[[], list[tuple[str, str]]]


@dataclass
class _Registry:
    kinds: dict[str, Kind] = field(default_factory=dict)
    reminders: list[Callable[[date], Iterable[Reminder]]] = field(default_factory=list)
    topics: dict[str, TopicType] = field(default_factory=dict)
    categories: dict[str, Any] = field(default_factory=dict)
    discovered: bool = False


_registry = _Registry()


def register_kind(
    code: str,
    *,
    label: Any,
    description: Any = "",
    audience: Callable[[Any], bool] | None = None,
) -> Kind:
    if "." not in code:
        raise ValueError(f"notification kind {code!r}: use '<app>.<what>'")
    kind = Kind(code=code, label=label, description=description, audience=audience)
    _registry.kinds[code] = kind
    return kind


def kind(code: str) -> Kind:
    try:
        return _registry.kinds[code]
    except KeyError:
        raise KeyError(f"unknown notification kind {code!r}: register it first") from None


def kinds() -> list[Kind]:
    return sorted(_registry.kinds.values(), key=lambda k: k.code)


def register_reminder_provider(
    func: Callable[[date], Iterable[Reminder]],
) -> Callable[[date], Iterable[Reminder]]:
    if func not in _registry.reminders:
        _registry.reminders.append(func)
    return func


def reminder_providers() -> list[Callable[[date], Iterable[Reminder]]]:
    return list(_registry.reminders)


def register_topic_type(
    code: str, *, label: Any, choices: Callable[[], list[tuple[str, str]]]
) -> TopicType:
    topic = TopicType(code=code, label=label, choices=choices)
    _registry.topics[code] = topic
    return topic


def topic_types() -> list[TopicType]:
    return list(_registry.topics.values())


def topic_type(code: str) -> TopicType:
    try:
        return _registry.topics[code]
    except KeyError:
        raise KeyError(f"unknown topic type {code!r}") from None


def register_public_category(code: str, *, label: Any) -> None:
    _registry.categories[code] = label


def public_categories() -> dict[str, Any]:
    return dict(_registry.categories)


# The notifications app's own topic: the categories of public information.
register_topic_type(
    "category",
    label=_("Kind of information"),
    choices=lambda: [(code, str(label)) for code, label in _registry.categories.items()],
)


def autodiscover() -> None:
    """Import ``<app>.notifications`` of every Samtrygg app (once)."""
    if _registry.discovered:
        return
    _registry.discovered = True
    for app in settings.SAMTRYGG_APPS:
        if app == "samtrygg.notifications":
            continue
        name = f"{app}.notifications"
        try:
            import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
