"""Binary lookup, flags, handshake version rule, process death and shutdown, with a stand-in process."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from pathlib import Path

import pytest

from meerkat import MeerkatClient, MeerkatError
from meerkat._client_base import is_version_compatible
from meerkat._process import ConnectOptions, build_args, resolve_launch

from .conftest import RKAT_RPC_BUILD
from .fakes import fake_binary
from .stand_in import StandIn

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def fake_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MEERKAT_BIN_PATH points at the stand-in process."""
    binary = fake_binary(tmp_path)
    monkeypatch.setenv("MEERKAT_BIN_PATH", str(binary))
    return binary


@pytest.mark.scenario("S34")
def test_flags_follow_the_original_order() -> None:
    options = ConnectOptions(realm_id="r1", instance_id="i1", realm_backend="sqlite", state_root="/s",
                             context_root="/c", user_config_root="/u", live_ws=True)
    assert build_args(options) == ["--live-ws", "127.0.0.1:0", "--realm", "r1", "--instance", "i1",
                                   "--realm-backend", "sqlite", "--state-root", "/s", "--context-root", "/c",
                                   "--user-config-root", "/u"]
    assert build_args(ConnectOptions()) == []
    assert build_args(ConnectOptions(isolated=True, live_tool_timeout_ms=5)) == [
        "--live-tool-timeout-ms", "5", "--isolated"]


@pytest.mark.scenario("S02")
@pytest.mark.scenario("S03")
def test_binary_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = fake_binary(tmp_path)
    monkeypatch.setenv("MEERKAT_BIN_PATH", str(binary))
    assert resolve_launch("ignored-explicit-path").program == str(binary)  # the variable wins

    monkeypatch.setenv("MEERKAT_BIN_PATH", "   ")
    with pytest.raises(MeerkatError) as empty:
        resolve_launch()
    assert empty.value.code == "BINARY_NOT_FOUND" and "empty" in empty.value.message

    monkeypatch.delenv("MEERKAT_BIN_PATH")
    assert resolve_launch(str(binary)).program == str(binary)  # explicit path
    with pytest.raises(MeerkatError) as missing:
        resolve_launch(str(tmp_path / "nope" / "rkat-rpc"))
    assert missing.value.code == "BINARY_NOT_FOUND"

    on_path = tmp_path / "bin"
    on_path.mkdir()
    (on_path / "rkat-rpc").symlink_to(binary)
    monkeypatch.setenv("PATH", f"{on_path}{os.pathsep}{os.environ['PATH']}")
    assert resolve_launch().program == str(on_path / "rkat-rpc")  # PATH

    monkeypatch.setenv("PATH", _node_only_path(tmp_path))
    launch = resolve_launch()  # then this repository's build, run with node
    assert launch.prefix == (str(RKAT_RPC_BUILD),) and launch.program.endswith("node")


def _node_only_path(tmp_path: Path) -> str:
    import shutil

    node = shutil.which("node")
    assert node is not None
    folder = tmp_path / "node-only"
    folder.mkdir()
    (folder / "node").symlink_to(node)
    return str(folder)


def test_legacy_rkat_binary_is_started_as_rkat_rpc(tmp_path: Path) -> None:
    legacy = tmp_path / "rkat"
    legacy.symlink_to(fake_binary(tmp_path))
    launch = resolve_launch(str(legacy))
    assert launch.legacy and launch.prefix == ("rpc",)


@pytest.mark.scenario("S34")
async def test_legacy_binary_refuses_realm_options(tmp_path: Path) -> None:
    legacy = tmp_path / "rkat"
    legacy.symlink_to(fake_binary(tmp_path))
    client = MeerkatClient(str(legacy))
    with pytest.raises(MeerkatError) as refused:
        await client.connect(realm_id="r")
    assert refused.value.code == "LEGACY_BINARY_UNSUPPORTED"


@pytest.mark.scenario("S33")
def test_version_rule() -> None:
    assert is_version_compatible("0.6.6") and is_version_compatible("0.6.0") and is_version_compatible("0.6.9")
    assert not is_version_compatible("0.7.0") and not is_version_compatible("1.6.6")
    assert not is_version_compatible("") and not is_version_compatible("x.y")
    assert is_version_compatible("1.2.0", "1.9.9") and not is_version_compatible("2.0.0", "1.0.0")


async def test_flags_reach_the_process(fake_bin: Path, tmp_path: Path) -> None:
    client = MeerkatClient()
    await client.connect(realm_id="team", instance_id="worker-1", state_root=str(tmp_path / "s"))
    try:
        result = await client.request("debug/argv")
        assert result["argv"] == ["--realm", "team", "--instance", "worker-1", "--state-root", str(tmp_path / "s")]
        assert client.server_info == {"name": "fake", "version": "0.6.6"}
        assert [(c.id, c.status, c.available) for c in client.capabilities] == [
            ("sessions", "Available", True), ("shell", "DisabledByPolicy", False)]
    finally:
        await client.close()


@pytest.mark.scenario("S04")
@pytest.mark.scenario("S34")
async def test_realm_and_isolated_conflict() -> None:
    with pytest.raises(MeerkatError) as conflict:
        await MeerkatClient().connect(realm_id="r", isolated=True)
    assert conflict.value.code == "INVALID_ARGS"


@pytest.mark.scenario("S05")
async def test_version_mismatch(fake_bin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_RKAT_MODE", "version")
    client = MeerkatClient()
    with pytest.raises(MeerkatError) as mismatch:
        await client.connect()
    assert mismatch.value.code == "VERSION_MISMATCH"
    assert "0.7.0" in mismatch.value.message and "0.6.6" in mismatch.value.message
    with pytest.raises(MeerkatError) as after:
        await client.get_config()
    assert after.value.code == "NOT_CONNECTED"


async def test_start_up_failure_reports_stderr(fake_bin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_RKAT_MODE", "exit_at_start")
    with pytest.raises(MeerkatError) as failed:
        await MeerkatClient().connect()
    assert failed.value.code == "CONNECTION_CLOSED"
    assert "exit code 2" in failed.value.message
    assert "the realm is locked by another process" in failed.value.message


@pytest.mark.scenario("S06")
async def test_death_fails_pending_and_later_calls_with_the_reason(
    fake_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_RKAT_MODE", "die_on_create")
    client = MeerkatClient()
    await client.connect()
    try:
        with pytest.raises(MeerkatError) as died:
            await asyncio.wait_for(client.create_session("hello"), 10)
        assert died.value.code == "CONNECTION_CLOSED"
        assert "exit code 3" in died.value.message and "simulated crash" in died.value.message
        with pytest.raises(MeerkatError) as later:
            await asyncio.wait_for(client.list_sessions(), 5)
        assert later.value.code == "CONNECTION_CLOSED" and "simulated crash" in later.value.message
        with pytest.raises(MeerkatError):
            stream = client.create_session_streaming("x")
            await asyncio.wait_for(stream.collect(), 5)
    finally:
        await client.close()


async def test_chatty_stderr_never_blocks(fake_bin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_RKAT_MODE", "chatty")
    client = MeerkatClient()
    await asyncio.wait_for(client.connect(), 20)
    try:
        assert await asyncio.wait_for(client.list_sessions(), 10) == []
    finally:
        await client.close()


@pytest.mark.scenario("S07")
async def test_close_kills_a_process_that_ignores_eof_and_sigterm(
    fake_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_RKAT_MODE", "stubborn")
    client = MeerkatClient()
    await client.connect()
    transport = client._require_connection().transport  # noqa: SLF001
    pid = transport.pid  # type: ignore[attr-defined]
    started = time.monotonic()
    try:
        await client.close()
        elapsed = time.monotonic() - started
        alive = _alive(pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # never leave the stand-in behind, even when close() failed
    assert 5 <= elapsed < 15
    assert not alive
    await client.close()  # idempotent


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.scenario("S07")
async def test_close_fails_pending_requests(fake_bin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_RKAT_MODE", "stubborn")
    client = MeerkatClient()
    await client.connect()
    pending = asyncio.create_task(client.request("never/answered"))
    await asyncio.sleep(0.1)
    closing = asyncio.create_task(client.close())
    try:
        with pytest.raises(MeerkatError) as stopped:
            await asyncio.wait_for(pending, 10)
        assert stopped.value.code == "CLIENT_CLOSED"
    finally:
        await closing  # the stand-in ignores EOF and SIGTERM: close() must kill it
    with pytest.raises(MeerkatError) as later:
        await client.request("session/list")
    assert later.value.code == "NOT_CONNECTED"  # the original Python SDK's answer after close() (03 §1)


@pytest.mark.scenario("S50")
async def test_request_timeout_on_a_server_that_never_answers(tmp_path: Path) -> None:
    # The limit also bounds the handshake and the stand-in's own test/* requests, so it leaves a loaded machine
    # room to start the stand-in; the elapsed time shows the rejection came from this limit, not sooner.
    server = await StandIn.start(tmp_path, ["session/list"], {}, silent=["session/list"], request_timeout=2)
    try:
        started = time.monotonic()
        with pytest.raises(MeerkatError) as timed_out:
            await server.client.request("session/list")
        elapsed = time.monotonic() - started
        assert timed_out.value.code == "REQUEST_TIMEOUT"
        assert timed_out.value.message == "session/list got no response within 2 s"
        assert 1.95 <= elapsed < 10
        # the request reached the server, the SDK then cancelled it, and the connection goes on
        assert await server.last() == {"method": "session/list", "params": {}}
        assert await server.notifications() == [{"method": "cancel", "params": {"request_id": 3}}]
    finally:
        await server.stop()
