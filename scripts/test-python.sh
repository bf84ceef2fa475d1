#!/usr/bin/env bash
# The Python SDK's checks and tests (needs the Node build: rkat-rpc and the fake provider).
# Creates python/.venv on first use (pytest, pytest-asyncio, pytest-timeout and mypy come from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x python/.venv/bin/python ]; then
  python3 -m venv python/.venv
fi
if ! python/.venv/bin/python -c 'import meerkat, pytest, pytest_asyncio, pytest_timeout, mypy' >/dev/null 2>&1; then
  python/.venv/bin/pip install --quiet --disable-pip-version-check -e 'python[test]'
fi

python/.venv/bin/python python/scripts/generate_wire_types.py --check
(cd python && .venv/bin/mypy)
python/.venv/bin/pytest python/tests -q
