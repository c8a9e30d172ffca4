"""The shape of the apps and modules (docs/architecture.md §4), read from the file tree.

* Every domain app has the skeleton: ``models``, ``services``, ``selectors``, ``views``,
  ``urls``, ``forms``, ``api``, ``rules``, ``nav``, ``admin`` (each a module or, past ~500
  lines, a package split by subject) and ``templates/``, ``tests/``, ``locale/`` — or the
  missing part is listed in :data:`MISSING` with the reason the app has nothing of that kind.
* The apps that are not domain apps (a library, infrastructure) are listed in
  :data:`NOT_DOMAIN_APPS` with what they are.
* No app has stray shapes: a skeleton name both as a module and a package, a second module of
  a skeleton kind beside it (``auth_views.py``, ``manage_views.py``, ``ogc_urls.py``) or a
  skeleton name in the singular (``service.py``) — unless listed in :data:`STRAY_ALLOWED`.
* No module is longer than :data:`MODULE_LINE_LIMIT` lines unless listed in
  :data:`LONG_MODULES` with a reason.
"""

from __future__ import annotations

import re
from pathlib import Path

from samtrygg.testing.architecture import PACKAGE_DIR

#: The Python modules (or packages) every domain app has.
SKELETON_MODULES = (
    "models",
    "services",
    "selectors",
    "views",
    "urls",
    "forms",
    "api",
    "rules",
    "nav",
    "admin",
)
#: The folders every domain app has.
SKELETON_DIRS = ("templates", "tests", "locale")

#: Packages under ``samtrygg/`` that are not domain apps, and what they are instead.
NOT_DOMAIN_APPS: dict[str, str] = {
    "analysis": "a pure statistics library: numpy/scipy in, frozen dataclasses out, no Django",
    "api": "infrastructure: the plumbing of /api/v1/; each app contributes its endpoints in "
    "its own api.py",
    "documents": "infrastructure: the one PDF renderer and chart helpers, no data or pages",
    "picture": "a library inside Django: computes the picture from incidents and caches it "
    "for situation and public; no data of its own, no pages",
    "testing": "test support (actors, permission matrix, browser fixtures, these checks); "
    "not an installed app",
}

#: ``(app, part)`` → why a domain app has nothing of that kind.
MISSING: dict[tuple[str, str], str] = {
    ("cases", "admin"): "no Django admin for personal data on purpose: case data is read "
    "only by the case team through the pages, with every read in the access log",
    ("walks", "admin"): "walks' records change only through their services (a finding's "
    "status moves with a history row and notifications, photos are re-encoded on upload), "
    "which the admin would bypass; finding owners are managed on the walks pages",
    ("core", "services"): "core owns no entity that users change: the access log is written "
    "by audit.access_log_record from the other apps' services, the change log by "
    "django-auditlog",
    ("core", "api"): "no endpoints: the audit trail and access log are read on the "
    "auditor's pages and exported as CSV",
    ("notifications", "api"): "no endpoints: notifications are read in the inbox and sent "
    "by e-mail",
    ("public", "models"): "public holds no data: it shows frozen, published lägesbild "
    "versions that situation stores",
    ("public", "services"): "public writes nothing",
    ("public", "selectors"): "its reads are the OGC feature collections of published "
    "versions in features.py, shared by the map page and the OGC API",
    ("public", "forms"): "its pages take query parameters only (the OGC API's filters, "
    "parsed in ogc.py)",
    ("public", "api"): "its machine interface is the OGC API – Features (ogc.py, at /ogc/), "
    "not /api/v1/",
    ("public", "rules"): "every page is open to anonymous visitors; what is public is "
    "decided when a version is published (situation's rules)",
    ("public", "admin"): "public holds no data",
}

#: Top-level modules whose name looks like a second skeleton module, and why they stay.
STRAY_ALLOWED: dict[tuple[str, str], str] = {
    ("public", "ogc_urls"): "the OGC API is mounted at /ogc/, outside the app's /public/ "
    "prefix, so it is a second URL configuration of its own",
    ("picture", "service"): "picture is not a domain app: service.py is its one entry point, "
    "the cached computation (a read), not writes",
}

#: The most lines a module has before it is split by subject.
MODULE_LINE_LIMIT = 500
#: Modules (dotted names) allowed past the limit, and why.
LONG_MODULES: dict[str, str] = {}

_KINDS = "|".join(SKELETON_MODULES)
_STRAY = re.compile(
    rf"^(?:\w+_(?:{_KINDS})|(?:{_KINDS})_\w+|model|service|selector|view|url|form|rule)$"
)


def app_packages(root: Path = PACKAGE_DIR) -> list[Path]:
    """The packages directly under ``samtrygg/``."""
    return sorted(p for p in root.iterdir() if (p / "__init__.py").exists())


def _part(app: Path, name: str) -> str | None:
    """``"module"``, ``"package"``, ``"both"`` or None."""
    single = (app / f"{name}.py").exists()
    package = (app / name / "__init__.py").exists()
    if single and package:
        return "both"
    if single:
        return "module"
    return "package" if package else None


def skeleton_problems(root: Path = PACKAGE_DIR) -> list[str]:
    """What each app lacks of the skeleton, or has besides it, that is not listed."""
    problems: list[str] = []
    apps = app_packages(root)
    if root == PACKAGE_DIR:
        problems += _stale_entries({app.name for app in apps})
    for app in apps:
        problems += _stray_shapes(app)
        if app.name in NOT_DOMAIN_APPS:
            continue
        for name in SKELETON_MODULES:
            listed = (app.name, name) in MISSING
            present = _part(app, name) is not None
            if not present and not listed:
                problems.append(f"{app.name}: no {name}.py (or list it in MISSING with a reason)")
            elif present and listed:
                problems.append(f"{app.name}: has {name} but MISSING lists it as absent")
        for name in SKELETON_DIRS:
            listed = (app.name, name) in MISSING
            present = (app / name).is_dir()
            if not present and not listed:
                problems.append(f"{app.name}: no {name}/ (or list it in MISSING with a reason)")
            elif present and listed:
                problems.append(f"{app.name}: has {name}/ but MISSING lists it as absent")
    return problems


def _stale_entries(names: set[str]) -> list[str]:
    """Entries of the lists above that name an app or a module that is not there."""
    problems = [
        f"{name}: listed as not a domain app but does not exist"
        for name in sorted(set(NOT_DOMAIN_APPS) - names)
    ]
    problems += [
        f"{app}.{part}: listed in MISSING but {app} is not a domain app"
        for app, part in sorted(MISSING)
        if app not in names or app in NOT_DOMAIN_APPS
    ]
    problems += [
        f"{app}/{stem}.py: listed in STRAY_ALLOWED but does not exist"
        for app, stem in sorted(STRAY_ALLOWED)
        if not (PACKAGE_DIR / app / f"{stem}.py").exists()
    ]
    return problems


def _stray_shapes(app: Path) -> list[str]:
    problems = [
        f"{app.name}: both {name}.py and a {name}/ package"
        for name in SKELETON_MODULES
        if _part(app, name) == "both"
    ]
    for path in sorted(app.glob("*.py")):
        if _STRAY.match(path.stem) and (app.name, path.stem) not in STRAY_ALLOWED:
            problems.append(
                f"{app.name}/{path.name}: a second module of a skeleton kind; make the kind a "
                "package split by subject (e.g. views/auth.py), or list it in STRAY_ALLOWED"
            )
    return problems


def long_modules(root: Path = PACKAGE_DIR, limit: int = MODULE_LINE_LIMIT) -> list[str]:
    """Modules longer than ``limit`` lines that are not listed in :data:`LONG_MODULES`."""
    problems: list[str] = []
    seen: set[str] = set()
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        dotted = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            seen.add(dotted)
            if dotted not in LONG_MODULES:
                problems.append(
                    f"{dotted}: {lines} lines (limit {limit}); split it by subject, or list it "
                    "in LONG_MODULES with a reason"
                )
    problems += [
        f"{dotted}: listed in LONG_MODULES but not past the limit any more"
        for dotted in sorted(set(LONG_MODULES) - seen)
        if root == PACKAGE_DIR
    ]
    return problems
