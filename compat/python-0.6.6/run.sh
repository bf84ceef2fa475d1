#!/usr/bin/env bash
# Runs the compatibility suite: the ORIGINAL meerkat-sdk==0.6.6 (from PyPI, in its own venv) drives this
# repository's built rkat-rpc. Build first (npm run build, or npx tsc -b packages/rpc-server packages/testing).
# Extra arguments go to pytest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
# Install (or confirm) the pinned versions; quick when they are already there.
installed="$("$venv/bin/python" -m pip freeze 2>/dev/null || true)"
missing=0
while read -r pin; do
  [[ -z "$pin" || "$pin" == \#* ]] && continue
  grep -qix -- "$pin" <<<"$installed" || missing=1
done <"$here/requirements.txt"
if [[ "$missing" == 1 ]]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
fi
# The suite must test the original SDK, never the repository's own python/ package.
"$venv/bin/python" - <<'PY'
import meerkat, pathlib, sys
path = pathlib.Path(meerkat.__file__).resolve()
if ".venv" not in path.parts:
    sys.exit(f"meerkat resolves to {path}, not the venv's original SDK")
PY
cd "$here"
exec "$venv/bin/python" -m pytest "$@"
