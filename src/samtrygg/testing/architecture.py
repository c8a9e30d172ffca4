"""Static checks of the architecture's rules (docs/architecture.md §5), read from the source.

* Every public service function that writes takes ``actor`` (keyword-only) and asks the
  resolver (``require_capability``/``require_view``/``require_change``), itself, in a
  private helper of its module, or by handing ``actor`` to another service that does — or
  is marked ``@system_service("why")``.
* Views, forms, serializers and API modules never write through the ORM.
* No module imports another module's private (``_name``) names.

"Writes" means: runs in ``transaction.atomic`` (decorator or block), or calls an ORM write
(``save``, ``delete``, ``create``, ``bulk_create``, ``update`` on a queryset, …), directly or
in a private helper of the same module.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent

RESOLVER_CHECKS = frozenset(
    {"require_capability", "require_view", "require_change", "require_signed_in"}
)
#: Methods that write whatever they are called on (a model instance, a queryset, a file).
ALWAYS_WRITES = frozenset({"bulk_create", "bulk_update", "get_or_create", "update_or_create"})
#: ``obj.save()`` (keywords only: ``update_fields=``) saves a model instance; ``save(buffer)``
#: is an image or a file.
INSTANCE_SAVES = frozenset({"save"})
#: Methods that write when called on a manager or queryset (``Model.objects.…``,
#: ``….filter(…).…``, ``obj.related_set.…``), not on a dict or a set.
QUERYSET_WRITES = frozenset({"create", "update", "delete", "set", "add", "remove", "clear"})
QUERYSET_HINTS = frozenset(
    {"objects", "filter", "exclude", "all", "select_for_update", "select_related", "none"}
)
#: ``obj.delete()`` without arguments deletes a model instance (or a stored file).
INSTANCE_WRITES = frozenset({"delete"})


def _attr_chain(node: ast.expr) -> list[str]:
    """``a.b.filter(x).c`` → ``["a", "b", "filter", "c"]`` (calls see through)."""
    names: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            names.append(node.id)
            break
        else:
            break
    return names[::-1]


def orm_write(call: ast.Call) -> str | None:
    """The name of the ORM write ``call`` makes, if it makes one."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return None
    name = func.attr
    if name in ALWAYS_WRITES:
        return name
    receiver = _attr_chain(func.value)
    if name in QUERYSET_WRITES and (
        QUERYSET_HINTS.intersection(receiver) or any(r.endswith("_set") for r in receiver)
    ):
        return name
    if name in INSTANCE_WRITES and not call.args and not call.keywords:
        return name
    if name in INSTANCE_SAVES and not call.args:
        return name
    return None


def _decorator_name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    chain = _attr_chain(node)
    return ".".join(chain)


def _called_names(func: ast.FunctionDef) -> Iterator[tuple[str, ast.Call]]:
    for node in ast.walk(func):
        if isinstance(node, ast.Call):
            target = node.func
            if isinstance(target, ast.Name):
                yield target.id, node
            elif isinstance(target, ast.Attribute):
                yield target.attr, node


def _passes_actor(call: ast.Call) -> bool:
    return any(
        k.arg == "actor" and isinstance(k.value, ast.Name) and k.value.id == "actor"
        for k in call.keywords
    )


@dataclass
class Function:
    module: str
    name: str
    node: ast.FunctionDef
    lineno: int
    decorators: list[str] = field(default_factory=list)

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.name}"

    @property
    def is_public(self) -> bool:
        return not self.name.startswith("_")

    @property
    def system_reason(self) -> str | None:
        for dec in self.node.decorator_list:
            if (
                isinstance(dec, ast.Call)
                and _decorator_name(dec).endswith("system_service")
                and dec.args
                and isinstance(dec.args[0], ast.Constant)
                and isinstance(dec.args[0].value, str)
                and dec.args[0].value.strip()
            ):
                return dec.args[0].value
        return None

    @property
    def keyword_only(self) -> list[str]:
        return [a.arg for a in self.node.args.kwonlyargs]

    @property
    def positional(self) -> list[str]:
        return [a.arg for a in (*self.node.args.posonlyargs, *self.node.args.args)]


def module_name(path: Path) -> str:
    parts = list(path.with_suffix("").parts)
    parts = parts[len(parts) - 1 - parts[::-1].index("samtrygg") :]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def top_level_functions(path: Path) -> dict[str, Function]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module = module_name(path)
    return {
        node.name: Function(
            module, node.name, node, node.lineno, [_decorator_name(d) for d in node.decorator_list]
        )
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


def _own_writes(fn: Function) -> bool:
    if any(d.endswith("atomic") for d in fn.decorators):
        return True
    for node in ast.walk(fn.node):
        if isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                if _decorator_name(item.context_expr).endswith("atomic"):
                    return True
        if isinstance(node, ast.Call) and orm_write(node):
            return True
    return False


def _own_checks(fn: Function) -> bool:
    return any(name in RESOLVER_CHECKS for name, _call in _called_names(fn.node))


def _reaches(
    fn: Function,
    functions: dict[str, Function],
    test: Callable[[Function], bool],
    seen: set[str],
    services: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``test(f)`` holds for ``fn`` or a helper of its service modules it calls
    (not another service: a service reached is checked on its own, with its own actor)."""
    if fn.name in seen:
        return False
    seen.add(fn.name)
    if test(fn):
        return True
    for name, _call in _called_names(fn.node):
        helper = functions.get(name)
        if (
            helper is not None
            and name not in services
            and _reaches(helper, functions, test, seen, services)
        ):
            return True
    return False


def service_modules(app_dir: Path) -> list[Path]:
    single = app_dir / "services.py"
    package = app_dir / "services"
    if single.exists():
        return [single]
    if package.is_dir():
        return sorted(p for p in package.glob("*.py"))
    return []


def exported_names(init: Path) -> set[str]:
    """The names a services package's ``__init__`` imports from its modules: its services."""
    tree = ast.parse(init.read_text(encoding="utf-8"), filename=str(init))
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def app_services(app_dir: Path) -> tuple[list[Function], dict[str, Function]]:
    """An app's public services, and every function of its service modules by name (to
    follow calls into helpers, also across the modules of a services package).

    The services are the public functions of ``services.py``, or what the ``services``
    package exports from its modules (a module's other functions are the package's
    helpers; nothing outside the package may import them, see ``service_module_imports``).
    """
    paths = service_modules(app_dir)
    functions: dict[str, Function] = {}
    for path in paths:
        for name, fn in top_level_functions(path).items():
            functions.setdefault(name, fn)
    if (app_dir / "services.py").exists():
        public = [fn for fn in functions.values() if fn.is_public]
    elif paths:
        exported = exported_names(app_dir / "services" / "__init__.py")
        public = [fn for name, fn in functions.items() if name in exported and fn.is_public]
    else:
        public = []
    return public, functions


@dataclass
class ServiceReport:
    checked: list[str]
    system: dict[str, str]
    problems: list[str]


def _writing_services(
    app_dirs: list[Path],
) -> tuple[list[tuple[Function, dict[str, Function]]], frozenset[str]]:
    writing: list[tuple[Function, dict[str, Function]]] = []
    names: set[str] = set()
    for app_dir in app_dirs:
        public, functions = app_services(app_dir)
        names.update(fn.name for fn in public)
        writing.extend(
            (fn, functions) for fn in public if _reaches(fn, functions, _own_writes, set())
        )
    return writing, frozenset(names)


def _passing(
    writing: list[tuple[Function, dict[str, Function]]], services: frozenset[str]
) -> set[str]:
    """The services that ask the resolver in their own call tree, or hand their actor to a
    service that does (found by name, repeated until nothing changes)."""
    passing: set[str] = set()
    changed = True
    while changed:
        changed = False
        names = {q.rsplit(".", 1)[1] for q in passing}

        def ok(f: Function, names: set[str] = names) -> bool:
            return _own_checks(f) or any(
                n in names and _passes_actor(c) for n, c in _called_names(f.node)
            )

        for fn, functions in writing:
            if (
                fn.qualname not in passing
                and "actor" in fn.keyword_only
                and _reaches(fn, functions, ok, set(), services)
            ):
                passing.add(fn.qualname)
                changed = True
    return passing


def check_services(app_dirs: list[Path]) -> ServiceReport:
    """Check every writing public service of the apps in ``app_dirs``."""
    writing, services = _writing_services(app_dirs)
    system = {fn.qualname: fn.system_reason for fn, _f in writing if fn.system_reason}
    passing = _passing(writing, services)
    problems: list[str] = []
    for fn, _functions in writing:
        where = f"{fn.qualname} (line {fn.lineno})"
        if fn.qualname in system or fn.qualname in passing:
            continue
        if "actor" not in fn.keyword_only:
            renamed = [a for a in ("user", "created_by", "by") if a in fn.keyword_only]
            hint = f"; rename {renamed[0]}= to actor=" if renamed else ""
            problems.append(f"{where}: writes but takes no keyword-only actor{hint}")
        else:
            problems.append(f"{where}: writes but never asks the resolver with its actor")
    return ServiceReport(
        checked=sorted(fn.qualname for fn, _f in writing),
        system={k: v for k, v in system.items() if v},
        problems=problems,
    )


def service_module_imports(root: Path = PACKAGE_DIR) -> list[str]:
    """Imports of a services package's modules from outside it: callers use
    ``<app>.services``, so the package's helpers stay inside."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        here = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom | ast.Import):
                continue
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                modules = [a.name for a in node.names]
            for module in modules:
                package, _dot, rest = module.partition(".services.")
                if package.startswith("samtrygg.") and package.count(".") == 1 and rest:
                    package += ".services"
                    if not here.startswith(package + ".") and here != package:
                        problems.append(f"{here} line {node.lineno}: imports {module}")
    return problems


def edge_modules(app_dir: Path) -> list[Path]:
    """The modules that only parse, call and render: views, forms, serializers, the API."""
    found: list[Path] = []
    for name in ("views", "forms", "api", "serializers"):
        single = app_dir / f"{name}.py"
        if single.exists():
            found.append(single)
        package = app_dir / name
        if package.is_dir():
            found.extend(sorted(package.glob("*.py")))
    return found


def edge_writes(app_dirs: list[Path]) -> list[str]:
    problems = []
    for app_dir in app_dirs:
        for path in edge_modules(app_dir):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    write = orm_write(node)
                    if write:
                        problems.append(
                            f"{module_name(path)} line {node.lineno}: .{write}() writes through "
                            "the ORM; call a service"
                        )
    return problems


def private_imports(root: Path = PACKAGE_DIR) -> list[str]:
    """Imports of another module's ``_private`` names (or of ``_private`` modules)."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("samtrygg"):
                names = [a.name for a in node.names]
                modules = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = []
                modules = [a.name for a in node.names]
            else:
                continue
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            private += [
                m
                for m in modules
                if m.startswith("samtrygg")
                and any(p.startswith("_") and not p.startswith("__") for p in m.split("."))
            ]
            for name in private:
                problems.append(f"{module_name(path)} line {node.lineno}: imports {name}")
    return problems


def app_dirs(apps: list[str]) -> list[Path]:
    return [PACKAGE_DIR.parent / app.replace(".", "/") for app in apps]
