"""The architecture's rules, checked on the source (docs/architecture.md §5)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from django.conf import settings

from samtrygg.testing.architecture import (
    app_dirs,
    check_services,
    edge_writes,
    private_imports,
    service_module_imports,
)


def test_every_writing_service_takes_actor_and_asks_the_resolver() -> None:
    report = check_services(app_dirs(settings.SAMTRYGG_APPS))
    assert report.problems == []
    # The check reads every app's services (a new app's too: it is in SAMTRYGG_APPS).
    apps = {name.split(".")[1] for name in report.checked}
    assert {"accounts", "areas", "incidents", "situation", "governance", "actionplan"} <= apps
    # What runs without a user says why; nothing else does.
    assert all(reason.strip() for reason in report.system.values())


def test_views_forms_and_api_never_write_through_the_orm() -> None:
    assert edge_writes(app_dirs(settings.SAMTRYGG_APPS)) == []


def test_no_module_imports_another_modules_private_names() -> None:
    assert private_imports() == []


def test_services_packages_are_reached_through_the_package() -> None:
    assert service_module_imports() == []


def _app(tmp_path: Path, files: dict[str, str]) -> Path:
    app = tmp_path / "samtrygg" / "fakeapp"
    app.mkdir(parents=True)
    for name, text in files.items():
        (app / name).write_text(textwrap.dedent(text))
    return app


SERVICES = """
    from django.db import transaction
    from samtrygg.core.permissions import require_capability, system_service


    @transaction.atomic
    def thing_create(*, actor, name):
        require_capability(actor, "things.manage")
        return Thing.objects.create(name=name)


    def thing_rename(*, actor, thing, name):
        _check(actor)
        thing.name = name
        thing.save()


    def _check(actor):
        require_capability(actor, "things.manage")


    def thing_copy(*, actor, thing):
        return thing_create(actor=actor, name=thing.name)


    def thing_delete(*, user, thing):
        thing.delete()


    @transaction.atomic
    def thing_touch(*, actor, thing):
        Thing.objects.filter(pk=thing.pk).update(touched=True)


    @system_service("the nightly clean-up runs without a user")
    def thing_purge():
        Thing.objects.filter(old=True).delete()


    def thing_label(thing):
        return {"name": thing.name}.update(x=1)
"""


def test_the_service_check_finds_services_without_actor_or_resolver(tmp_path: Path) -> None:
    app = _app(tmp_path, {"services.py": SERVICES})
    report = check_services([app])
    names = [p.split(" ")[0].rsplit(".", 1)[1] for p in report.problems]
    assert names == ["thing_delete", "thing_touch"]
    assert "rename user= to actor=" in report.problems[0]
    assert "never asks the resolver" in report.problems[1]
    assert list(report.system.values()) == ["the nightly clean-up runs without a user"]
    assert "thing_label" not in " ".join(report.checked)


def test_the_edge_check_finds_orm_writes_in_views(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "views.py": """
                def thing_view(request, pk):
                    thing = Thing.objects.get(pk=pk)
                    thing.save()
                    Thing.objects.filter(pk=pk).update(x=1)
                    context = {}
                    context.update(thing=thing)
                    return render(request, "t.html", context)
            """
        },
    )
    problems = edge_writes([app])
    assert [p.split(": ")[0].rsplit(" ", 1)[1] for p in problems] == ["4", "5"]
