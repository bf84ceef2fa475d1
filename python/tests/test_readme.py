"""The README's example runs as written (against the fake provider instead of a real key)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FakeProvider

pytestmark = pytest.mark.timeout(90)

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.scenario("S40")
def test_readme_example_runs(fake_provider: FakeProvider, tmp_path: Path) -> None:
    match = re.search(r"## Example\n\n```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert match, "README has no example"
    code = match.group(1)
    assert len([line for line in code.splitlines() if line.strip()]) <= 10
    node = shutil.which("node")
    assert node is not None
    # A clean environment: only node on PATH (no rkat-rpc), so the SDK finds this repository's build.
    env = {"PATH": f"{os.path.dirname(node)}:/usr/bin:/bin", **fake_provider.env(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "echo: You said: 'echo: Name three rivers, one line.'. One more, please." in done.stdout
    assert "Usage(input_tokens=" in done.stdout
