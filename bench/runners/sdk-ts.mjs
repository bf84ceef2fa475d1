// Our full path from TypeScript: @rkat/sdk spawning `rkat-rpc` (a fresh isolated realm in a temp state root),
// one session per conversation. BENCH_TOOL=callback: `add` as an SDK callback tool (built-ins off);
// BENCH_TOOL=builtin: the built-in `datetime` tool instead (rkat-rpc has no built-in `add`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeerkatClient } from '../../packages/sdk/dist/src/index.js';
import { MODEL, PROMPT, RKAT_RPC, add, runScenario } from './harness.mjs';

const builtin = process.env.BENCH_TOOL === 'builtin';

await runScenario(async () => {
  const stateRoot = mkdtempSync(join(tmpdir(), 'rkat-bench-'));
  const client = new MeerkatClient(RKAT_RPC);
  if (!builtin) {
    await client.tool(
      'add',
      {
        description: 'Adds two numbers.',
        inputSchema: {
          type: 'object',
          properties: { a: { type: 'number' }, b: { type: 'number' } },
          required: ['a', 'b'],
        },
      },
      (args) => add(args),
    );
  }
  await client.connect({
    realmId: 'bench',
    stateRoot,
    env: { ...process.env, OPENAI_API_KEY: 'bench', RKAT_LOG: '' },
  });
  return {
    turn: async () => {
      const session = await client.createSession(PROMPT, { model: MODEL, enableBuiltins: builtin });
      return session.text;
    },
    close: async () => {
      await client.close();
      rmSync(stateRoot, { recursive: true, force: true });
    },
  };
});
