"""A stand-in ``rkat-rpc`` that serves the families the real runtime does not serve yet, for wire-param tests.

``STAND_IN_CONFIG`` names a JSON file ``{"methods": [...], "results": {method: result}, "notify": {stream_id:
[notification, ...]}}``. ``initialize`` advertises ``methods``; every other request is recorded and answered with
``results[method]`` (or ``{}``); when that result carries a ``stream_id`` listed in ``notify``, those
notifications are written after the response. A method listed in the optional ``"silent"`` is recorded but never
answered. Client notifications are kept. Test-only methods: ``test/last`` answers the last recorded request
``{method, params}`` (``params`` exactly as received), ``test/set {method, result}`` replaces one result,
``test/notifications`` answers the client notifications received so far (``[{method, params}]``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> int:
    config = json.loads(Path(os.environ["STAND_IN_CONFIG"]).read_text(encoding="utf-8"))
    methods: list[str] = config["methods"]
    results: dict[str, Any] = config.get("results", {})
    notify: dict[str, list[dict[str, Any]]] = config.get("notify", {})
    silent: set[str] = set(config.get("silent", []))
    last: dict[str, Any] | None = None
    notifications: list[dict[str, Any]] = []
    for line in sys.stdin:
        request = json.loads(line)
        method, request_id = request.get("method"), request.get("id")
        if request_id is None:
            notifications.append({"method": method, "params": request.get("params")})
            continue

        def reply(result: Any, request_id: Any = request_id) -> None:
            send({"jsonrpc": "2.0", "id": request_id, "result": result})

        if method == "initialize":
            reply({"server_info": {"name": "stand-in", "version": "0.6.6"}, "contract_version": "0.6.6",
                   "methods": ["initialize", "capabilities/get", *methods]})
        elif method == "capabilities/get":
            reply({"capabilities": []})
        elif method == "test/last":
            reply(last)
        elif method == "test/set":
            results[request["params"]["method"]] = request["params"]["result"]
            reply({})
        elif method == "test/notifications":
            reply(notifications)
        else:
            last = {"method": method, "params": request.get("params")}
            if method in silent:
                continue
            result = results.get(method, {})
            reply(result)
            stream_id = str(result.get("stream_id", "")) if isinstance(result, dict) else ""
            for notification in notify.get(stream_id, []):
                send({"jsonrpc": "2.0", **notification})
    return 0


if __name__ == "__main__":
    sys.exit(main())
