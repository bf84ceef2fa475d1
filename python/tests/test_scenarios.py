"""Drift check: every shared scenario (packages/sdk/test/scenarios.md) that applies to Python has a Python test
carrying ``@pytest.mark.scenario("Snn")``, and no marker names an unknown id.

A row whose coverage cell starts with ``ts-only:`` is exempt; a row marked ``python: missing`` is a declared gap:
it must have no marker yet (so the annotation is removed once a test exists) and is reported as a warning.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
SCENARIOS = TESTS_DIR.parents[1] / "packages" / "sdk" / "test" / "scenarios.md"
ROW = re.compile(r"^\|\s*(S\d+)\s*\|")
MARKER = re.compile(r"""@pytest\.mark\.scenario\(\s*["'](?P<id>[^"']*)["']\s*\)""")


@dataclass(frozen=True)
class Scenario:
    id: str
    coverage: str

    @property
    def ts_only(self) -> bool:
        return self.coverage.startswith("ts-only")

    @property
    def python_missing(self) -> bool:
        return self.coverage.startswith("python: missing")


def parse_scenarios(text: str) -> dict[str, Scenario]:
    """The table rows of scenarios.md, by id; the coverage cell is the last column."""
    rows: dict[str, Scenario] = {}
    for line in text.splitlines():
        match = ROW.match(line)
        if not match:
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        assert match.group(1) not in rows, f"duplicate scenario id {match.group(1)}"
        rows[match.group(1)] = Scenario(match.group(1), cells[-1])
    return rows


def python_markers(tests_dir: Path = TESTS_DIR) -> dict[str, list[str]]:
    """Scenario id → the ``file:line`` of each marker in the Python tests."""
    found: dict[str, list[str]] = {}
    for path in sorted(tests_dir.glob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in MARKER.finditer(line):
                found.setdefault(match.group("id"), []).append(f"{path.name}:{number}")
    return found


def drift(scenarios: dict[str, Scenario], markers: dict[str, list[str]]) -> list[str]:
    """Every disagreement between the table and the markers (empty when they agree)."""
    problems = [f"marker names unknown scenario {sid!r} at {', '.join(at)}"
                for sid, at in markers.items() if sid not in scenarios]
    for sid, scenario in scenarios.items():
        if scenario.ts_only:
            if sid in markers:
                problems.append(f"{sid} is ts-only but has Python markers at {', '.join(markers[sid])}")
        elif scenario.python_missing:
            if sid in markers:
                problems.append(f"{sid} is marked 'python: missing' but has a test at {', '.join(markers[sid])}")
        elif sid not in markers:
            problems.append(f"{sid} has no Python test with @pytest.mark.scenario({sid!r})")
    return problems


def test_every_python_scenario_has_a_tagged_test() -> None:
    scenarios = parse_scenarios(SCENARIOS.read_text(encoding="utf-8"))
    assert len(scenarios) >= 40
    assert all(s.coverage for s in scenarios.values()), "every row needs a coverage cell"
    problems = drift(scenarios, python_markers())
    assert not problems, "\n".join(problems)
    gaps = sorted(sid for sid, s in scenarios.items() if s.python_missing)
    if gaps:
        warnings.warn(f"declared Python gaps (python: missing): {', '.join(gaps)}", stacklevel=1)


def test_the_check_catches_drift() -> None:
    scenarios = parse_scenarios("| S01 | a | b | f | both |\n| S02 | a | b | f | ts-only: x |\n"
                                "| S03 | a | b | f | python: missing |\n")
    assert drift(scenarios, {"S01": ["t:1"]}) == []
    assert drift(scenarios, {}) == ["S01 has no Python test with @pytest.mark.scenario('S01')"]
    assert drift(scenarios, {"S01": ["t:1"], "S09": ["t:2"]}) == ["marker names unknown scenario 'S09' at t:2"]
    assert drift(scenarios, {"S01": ["t:1"], "S03": ["t:3"]}) == [
        "S03 is marked 'python: missing' but has a test at t:3"]


@pytest.mark.parametrize("source", ['@pytest.mark.scenario("S07")', "@pytest.mark.scenario('S07')"])
def test_marker_pattern(source: str) -> None:
    match = MARKER.search(source)
    assert match is not None and match.group("id") == "S07"
