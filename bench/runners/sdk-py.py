"""Our full path from Python: the `meerkat` SDK spawning `rkat-rpc`; same scenarios and output as harness.mjs.

python runners/sdk-py.py <sequential|concurrent|cold> <count>; BENCH_TOOL=callback|builtin as in sdk-ts.mjs.
"""

import asyncio
import json
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from meerkat import MeerkatClient

HERE = Path(__file__).resolve().parent
RKAT_RPC = str(HERE.parent.parent / "packages/rpc-server/dist/src/bin/rkat-rpc.js")
MODEL = os.environ.get("BENCH_MODEL", "gpt-5.5")
PROMPT = "Add 1 and 2 with the add tool, then answer."
ANSWER_PREFIX = "tok0 tok1 tok2 tok3 tok4 tok5"
WARMUP = 5
BUILTIN = os.environ.get("BENCH_TOOL") == "builtin"


def emit(result: dict) -> None:
    sys.stdout.write("RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, math.ceil(p / 100 * len(values)) - 1)] if values else 0.0


async def main() -> None:
    scenario = sys.argv[1] if len(sys.argv) > 1 else "sequential"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    state_root = tempfile.mkdtemp(prefix="rkat-bench-py-")
    client = MeerkatClient(RKAT_RPC, env={"OPENAI_API_KEY": "bench", "RKAT_LOG": ""})
    if not BUILTIN:

        @client.tool(
            "add",
            description="Adds two numbers.",
            input_schema={
                "type": "object",
                "properties": {"a": {"type": "number"}, "b": {"type": "number"}},
                "required": ["a", "b"],
            },
        )
        async def add(arguments: dict) -> str:
            return str(arguments["a"] + arguments["b"])

    await client.connect(realm_id="bench", state_root=state_root)

    async def turn() -> None:
        session = await client.create_session(PROMPT, model=MODEL, enable_builtins=BUILTIN)
        if ANSWER_PREFIX not in session.text:
            raise RuntimeError(f"unexpected answer: {session.text[:200]!r}")

    try:
        if scenario == "cold":
            await turn()
            emit({"scenario": scenario, "turns": 1, "errors": 0})
        elif scenario == "sequential":
            for _ in range(WARMUP):
                await turn()
            latencies = []
            started = time.perf_counter()
            for _ in range(count):
                begin = time.perf_counter()
                await turn()
                latencies.append((time.perf_counter() - begin) * 1000)
            elapsed = time.perf_counter() - started
            latencies.sort()
            emit({
                "scenario": scenario, "turns": WARMUP + count, "errors": 0,
                "turnsPerSecond": count / elapsed, "p50Ms": percentile(latencies, 50), "p99Ms": percentile(latencies, 99),
            })
        elif scenario == "concurrent":
            await turn()
            started = time.perf_counter()
            outcomes = await asyncio.gather(*(turn() for _ in range(count)), return_exceptions=True)
            wall = (time.perf_counter() - started) * 1000
            errors = [o for o in outcomes if isinstance(o, BaseException)]
            if errors:
                sys.stderr.write(f"first error: {errors[0]!r}\n")
            emit({"scenario": scenario, "turns": 1 + count - len(errors), "errors": len(errors), "wallMs": wall})
        else:
            raise SystemExit(f"unknown scenario {scenario}")
    finally:
        await client.close()
        shutil.rmtree(state_root, ignore_errors=True)


asyncio.run(main())
