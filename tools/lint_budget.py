"""Ruff rules that are on but not yet clean, each with a budget that may only go down.

``lint-budget.toml`` lists the rules (complexity, too many arguments, imports inside
functions, …) and how many violations each may have. ``make lint`` runs this: a rule over
its budget fails; a rule under it says so (lower the number in the same commit, or run with
``--update``, which only ever lowers budgets). A rule not listed has no budget: its first
violation fails.

Imports inside functions (PLC0415) are budgeted, not banned: some are deliberate (an app's
``ready()`` importing its rules, the analysis command importing a method's libraries only
when that method runs). An import inside a function that hides a cycle between apps is
caught by the layers contract anyway (import-linter sees imports inside functions too).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_FILE = ROOT / "lint-budget.toml"
PATHS = ["src", "benchmarks", "tools"]


def read_budget() -> tuple[list[str], dict[str, int]]:
    data = tomllib.loads(BUDGET_FILE.read_text())
    return list(data["select"]), {k: int(v) for k, v in data["budget"].items()}


def count_violations(select: list[str]) -> Counter[str]:
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [
            str(ruff if ruff.exists() else "ruff"),
            "check",
            *PATHS,
            "--select",
            ",".join(select),
            "--output-format",
            "json",
            "--exit-zero",
            "--no-cache",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return Counter(v["code"] for v in json.loads(result.stdout))


def write_lowered(budget: dict[str, int], counts: Counter[str]) -> None:
    text = BUDGET_FILE.read_text()
    head, _sep, _old = text.partition("[budget]")
    lines = [
        f"{code} = {min(limit, counts.get(code, 0))}" for code, limit in sorted(budget.items())
    ]
    BUDGET_FILE.write_text(head + "[budget]\n" + "\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="lower budgets to the counts")
    args = parser.parse_args(argv)
    select, budget = read_budget()
    counts = count_violations(select)
    failed = False
    for code in sorted(set(counts) | set(budget)):
        found, allowed = counts.get(code, 0), budget.get(code, 0)
        if found > allowed:
            failed = True
            print(f"lint budget: {code} has {found} violations, budget {allowed}", file=sys.stderr)
        elif found < allowed and not args.update:
            print(f"lint budget: {code} is down to {found} (budget {allowed}): lower the budget")
    if args.update:
        write_lowered(budget, counts)
    if failed:
        print(
            "Fix the new violations (ruff check --select CODE shows them); budgets never go up.",
            file=sys.stderr,
        )
        return 1
    total = sum(counts.values())
    print(f"lint budget: {total} budgeted violations, none over budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
