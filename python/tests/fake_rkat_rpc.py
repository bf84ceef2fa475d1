"""A stand-in ``rkat-rpc`` process for process-level tests; ``FAKE_RKAT_MODE`` picks its behaviour.

Modes: ``normal`` (handshake, ``debug/argv``), ``version`` (reports contract 0.7.0), ``exit_at_start`` (fatal
stderr line, exit 2), ``die_on_create`` (crash on ``session/create``), ``chatty`` (256 KiB of stderr first),
``stubborn`` (ignores SIGTERM and stdin EOF).
"""

from __future__ import annotations

import json
import signal
import sys
import time

MODE = __import__("os").environ.get("FAKE_RKAT_MODE", "normal")


def send(message: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> int:
    if MODE == "exit_at_start":
        sys.stderr.write("fatal: the realm is locked by another process\n")
        return 2
    if MODE == "chatty":
        for _ in range(256):
            sys.stderr.write("x" * 1023 + "\n")
        sys.stderr.flush()
    if MODE == "stubborn":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    for line in sys.stdin:
        request = json.loads(line)
        method, request_id = request.get("method"), request.get("id")
        if method == "initialize":
            version = "0.7.0" if MODE == "version" else "0.6.6"
            send({"jsonrpc": "2.0", "id": request_id, "result": {
                "server_info": {"name": "fake", "version": version}, "contract_version": version,
                "methods": ["initialize", "capabilities/get", "session/create", "session/list", "debug/argv"]}})
        elif method == "capabilities/get":
            send({"jsonrpc": "2.0", "id": request_id, "result": {"capabilities": [
                {"id": "sessions", "description": "s", "status": "Available"},
                {"id": "shell", "description": "s", "status": {"DisabledByPolicy": {"description": "off"}}}]}})
        elif method == "session/create" and MODE == "die_on_create":
            sys.stderr.write("panic: simulated crash while creating a session\n")
            sys.stderr.flush()
            sys.exit(3)
        elif method == "debug/argv":
            send({"jsonrpc": "2.0", "id": request_id, "result": {"argv": sys.argv[1:]}})
        elif method == "session/list":
            send({"jsonrpc": "2.0", "id": request_id, "result": {"sessions": []}})
        elif method == "never/answered":
            continue
        elif request_id is not None:
            send({"jsonrpc": "2.0", "id": request_id, "error": {"code": -32601, "message": f"Method not found: {method}"}})
    if MODE == "stubborn":
        while True:
            time.sleep(1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
