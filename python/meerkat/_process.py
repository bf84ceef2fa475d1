"""Finding ``rkat-rpc``, building its argv, and running it as a child process transport.

Binary lookup (first match wins): ``MEERKAT_BIN_PATH``; an explicit ``rkat_path``; ``rkat-rpc`` on ``PATH``;
then this repository's build ``packages/rpc-server/dist/src/bin/rkat-rpc.js`` run with ``node``. Nothing is
downloaded. A binary named exactly ``rkat`` is the CLI, started as ``rkat rpc``.

stderr is read continuously (so the child never blocks on a full pipe); its last few KiB are kept for the
error that reports the process's death.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from .errors import MeerkatError

__all__ = ["ConnectOptions", "Launch", "ProcessTransport", "build_args", "resolve_launch", "STDOUT_LIMIT_BYTES"]

STDOUT_LIMIT_BYTES = 64 * 1024 * 1024
"""Longest stdout line the SDK reads (64 MiB)."""
_STDERR_TAIL_BYTES = 8 * 1024
_KILL_AFTER_SECONDS = 5.0
_EOF_GRACE_SECONDS = 2.0
_REPO_BUILD = Path("packages") / "rpc-server" / "dist" / "src" / "bin" / "rkat-rpc.js"


@dataclass(frozen=True)
class ConnectOptions:
    """The realm and process options of ``connect()``."""

    realm_id: str | None = None
    instance_id: str | None = None
    realm_backend: str | None = None
    isolated: bool = False
    state_root: str | None = None
    context_root: str | None = None
    user_config_root: str | None = None
    live_ws: bool = False
    live_webrtc: bool = False
    live_tool_timeout_ms: int | None = None

    def any_set(self) -> bool:
        """True when any option would become a flag."""
        return any(
            (self.realm_id, self.instance_id, self.realm_backend, self.isolated, self.state_root, self.context_root,
             self.user_config_root, self.live_ws, self.live_webrtc, self.live_tool_timeout_ms is not None)
        )


@dataclass(frozen=True)
class Launch:
    """How to start the runtime: the program, the leading args, and whether it is the legacy ``rkat`` CLI."""

    program: str
    prefix: tuple[str, ...] = ()
    legacy: bool = False


def build_args(options: ConnectOptions) -> list[str]:
    """The ``rkat-rpc`` flags for ``options``, in the 0.6.6 SDK's order."""
    args: list[str] = []
    if options.live_ws:
        args += ["--live-ws", "127.0.0.1:0"]
    if options.live_webrtc:
        args.append("--live-webrtc")
    if options.live_tool_timeout_ms is not None:
        args += ["--live-tool-timeout-ms", str(options.live_tool_timeout_ms)]
    if options.isolated:
        args.append("--isolated")
    for flag, value in (
        ("--realm", options.realm_id),
        ("--instance", options.instance_id),
        ("--realm-backend", options.realm_backend),
        ("--state-root", options.state_root),
        ("--context-root", options.context_root),
        ("--user-config-root", options.user_config_root),
    ):
        if value:
            args += [flag, str(value)]
    return args


def _lookup(value: str, what: str) -> str:
    if "/" in value or "\\" in value:
        if Path(value).is_file():
            return value
        raise MeerkatError("BINARY_NOT_FOUND", f"{what} {value!r} does not exist.")
    found = shutil.which(value)
    if found is None:
        raise MeerkatError("BINARY_NOT_FOUND", f"{what} {value!r} was not found on PATH.")
    return found


def _launch_for(path: str) -> Launch:
    if Path(path).name == "rkat":
        return Launch(program=path, prefix=("rpc",), legacy=True)
    if path.endswith(".js"):
        node = shutil.which("node")
        if node is None:
            raise MeerkatError("BINARY_NOT_FOUND", f"{path} needs Node.js (node) on PATH.")
        return Launch(program=node, prefix=(path,))
    return Launch(program=path)


def _repository_build() -> Path | None:
    for base in (Path.cwd(), *Path.cwd().parents, *Path(__file__).resolve().parents):
        candidate = base / _REPO_BUILD
        if candidate.is_file():
            return candidate
    return None


def resolve_launch(rkat_path: str = "rkat-rpc") -> Launch:
    """Finds the runtime (``BINARY_NOT_FOUND`` when nothing matches)."""
    env_path = os.environ.get("MEERKAT_BIN_PATH")
    if env_path is not None and env_path != "":
        stripped = env_path.strip()
        if not stripped:
            raise MeerkatError("BINARY_NOT_FOUND", "MEERKAT_BIN_PATH is set to an empty path.")
        return _launch_for(_lookup(stripped, "MEERKAT_BIN_PATH"))
    if rkat_path != "rkat-rpc":
        return _launch_for(_lookup(rkat_path, "rkat_path"))
    on_path = shutil.which("rkat-rpc")
    if on_path is not None:
        return _launch_for(on_path)
    build = _repository_build()
    if build is not None:
        return _launch_for(str(build))
    legacy = shutil.which("rkat")
    if legacy is not None:
        return _launch_for(legacy)
    raise MeerkatError(
        "BINARY_NOT_FOUND",
        "rkat-rpc not found: set MEERKAT_BIN_PATH, pass rkat_path, put rkat-rpc on PATH, "
        f"or build this repository ({_REPO_BUILD}).",
    )


class ProcessTransport:
    """``rkat-rpc`` as a child process: JSON lines on stdin/stdout, stderr drained into a tail."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self._process = process
        self._stderr_tail: deque[bytes] = deque()
        self._stderr_size = 0
        self._stderr_task = asyncio.get_running_loop().create_task(self._drain_stderr(), name="meerkat-stderr")

    @classmethod
    async def spawn(cls, launch: Launch, args: list[str], env: dict[str, str] | None = None) -> ProcessTransport:
        """Starts the process with all three pipes."""
        try:
            process = await asyncio.create_subprocess_exec(
                launch.program,
                *launch.prefix,
                *args,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                limit=STDOUT_LIMIT_BYTES,
                env=env,
            )
        except OSError as error:
            raise MeerkatError("BINARY_NOT_FOUND", f"could not start {launch.program}: {error}") from error
        return cls(process)

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self._process.pid

    async def _drain_stderr(self) -> None:
        stream = self._process.stderr
        assert stream is not None
        while True:
            chunk = await stream.read(4096)
            if not chunk:
                return
            self._stderr_tail.append(chunk)
            self._stderr_size += len(chunk)
            while self._stderr_size - len(self._stderr_tail[0]) >= _STDERR_TAIL_BYTES:
                self._stderr_size -= len(self._stderr_tail.popleft())

    def stderr_tail(self) -> str:
        """The last few KiB the process wrote to stderr."""
        data = b"".join(self._stderr_tail)[-_STDERR_TAIL_BYTES:]
        return data.decode("utf-8", errors="replace").strip()

    async def write(self, data: bytes) -> None:
        """Writes to stdin and drains."""
        stdin = self._process.stdin
        assert stdin is not None
        if stdin.is_closing():
            raise ConnectionResetError("stdin is closed")
        stdin.write(data)
        await stdin.drain()

    async def read_line(self) -> bytes:
        """One stdout line (``b""`` at EOF)."""
        stdout = self._process.stdout
        assert stdout is not None
        return await stdout.readline()

    async def exit_description(self) -> str:
        """The exit code and stderr tail, after waiting briefly for the process to exit."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._process.wait(), 2.0)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._stderr_task), 1.0)
        parts = []
        code = self._process.returncode
        if code is not None:
            parts.append(f"exit code {code}")
        tail = self.stderr_tail()
        if tail:
            parts.append(f"stderr: {tail}")
        return "; ".join(parts)

    async def close(self) -> None:
        """stdin EOF, then SIGTERM, then SIGKILL after 5 s."""
        process = self._process
        stdin = process.stdin
        if stdin is not None and not stdin.is_closing():
            with contextlib.suppress(Exception):
                stdin.close()
        if process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), _EOF_GRACE_SECONDS)
            except asyncio.TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.terminate()
                try:
                    await asyncio.wait_for(process.wait(), _KILL_AFTER_SECONDS)
                except asyncio.TimeoutError:
                    with contextlib.suppress(ProcessLookupError):
                        process.kill()
                    await process.wait()
        with contextlib.suppress(asyncio.TimeoutError, Exception):
            await asyncio.wait_for(self._stderr_task, 1.0)
        if not self._stderr_task.done():
            self._stderr_task.cancel()
