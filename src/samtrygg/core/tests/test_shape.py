"""The shape of apps and modules, checked on the file tree (docs/architecture.md §4)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from samtrygg.testing import shape


def test_every_app_has_the_skeleton_or_says_why_not() -> None:
    assert shape.skeleton_problems() == []


def test_every_listed_exception_gives_a_reason() -> None:
    reasons = [
        *shape.NOT_DOMAIN_APPS.values(),
        *shape.MISSING.values(),
        *shape.STRAY_ALLOWED.values(),
        *shape.LONG_MODULES.values(),
    ]
    assert all(len(reason.split()) >= 3 for reason in reasons)


def test_the_check_covers_every_installed_app() -> None:
    checked = {app.name for app in shape.app_packages()}
    installed = {app.split(".")[1] for app in settings.SAMTRYGG_APPS}
    assert installed <= checked
    # Cases must not have a Django admin for personal data: the check would refuse one.
    assert ("cases", "admin") in shape.MISSING


def test_no_module_passes_the_line_limit_unless_listed() -> None:
    assert shape.long_modules() == []


def _tree(tmp_path: Path, files: list[str]) -> Path:
    root = tmp_path / "samtrygg"
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    return root


FULL = [
    "things/__init__.py",
    *(f"things/{m}.py" for m in shape.SKELETON_MODULES),
    *(f"things/{d}/x" for d in shape.SKELETON_DIRS),
]


def test_a_complete_app_passes(tmp_path: Path) -> None:
    assert shape.skeleton_problems(_tree(tmp_path, FULL)) == []


def test_the_check_finds_missing_parts_and_stray_shapes(tmp_path: Path) -> None:
    files = [f for f in FULL if f not in ("things/selectors.py", "things/tests/x")]
    files += [
        "things/views/__init__.py",  # beside views.py
        "things/auth_views.py",
        "things/manage_views.py",
        "things/service.py",
        "things/ogc_urls.py",
        "things/viewsets_helper.py",  # not a skeleton kind: fine
        "things/screening.py",  # an ordinary module: fine
    ]
    problems = shape.skeleton_problems(_tree(tmp_path, files))
    assert problems == [
        "things: both views.py and a views/ package",
        *(
            f"things/{name}: a second module of a skeleton kind; make the kind a package "
            "split by subject (e.g. views/auth.py), or list it in STRAY_ALLOWED"
            for name in ("auth_views.py", "manage_views.py", "ogc_urls.py", "service.py")
        ),
        "things: no selectors.py (or list it in MISSING with a reason)",
        "things: no tests/ (or list it in MISSING with a reason)",
    ]


def test_a_library_app_needs_no_skeleton(tmp_path: Path) -> None:
    root = _tree(tmp_path, ["analysis/__init__.py", "analysis/kde.py"])
    assert shape.skeleton_problems(root) == []


def test_the_line_limit_check_counts_lines(tmp_path: Path) -> None:
    root = tmp_path / "samtrygg"
    (root / "things" / "migrations").mkdir(parents=True)
    (root / "things" / "long.py").write_text("x = 1\n" * 11)
    (root / "things" / "short.py").write_text("x = 1\n" * 10)
    (root / "things" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 99)
    assert shape.long_modules(root, limit=10) == [
        "samtrygg.things.long: 11 lines (limit 10); split it by subject, or list it in "
        "LONG_MODULES with a reason"
    ]
