import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeerkatClient } from '../src/index.js';

/** What the stand-in received last: `test/last` answers it. */
export interface WireRequest {
  method: string;
  params: Record<string, unknown>;
}

/**
 * A stand-in `rkat-rpc` (node script) that advertises `methods`, answers each with `results[method]` (or `{}`)
 * and remembers the last request, so a test can read the exact wire params of a family the real runtime does
 * not serve yet.
 */
export class StandIn {
  private constructor(
    private readonly home: string,
    readonly client: MeerkatClient,
  ) {}

  static async start(methods: string[], results: Record<string, unknown>): Promise<StandIn> {
    const home = await mkdtemp(join(tmpdir(), 'rkat-sdk-stand-in-'));
    const path = join(home, 'stand-in-server.js');
    await writeFile(
      path,
      `import { createInterface } from 'node:readline';
const methods = ${JSON.stringify(methods)};
const results = ${JSON.stringify(results)};
const send = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
let last = null;
createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line);
  if (request.id === undefined) return;
  const reply = (result) => send({ jsonrpc: '2.0', id: request.id, result });
  if (request.method === 'initialize') return reply({ contract_version: '0.6.6', methods: ['initialize', ...methods] });
  if (request.method === 'capabilities/get') return reply({ capabilities: [] });
  if (request.method === 'test/last') return reply(last);
  last = { method: request.method, params: request.params ?? null };
  reply(results[request.method] ?? {});
});
`,
    );
    const client = await new MeerkatClient(path).connect({ requestTimeoutMs: 10_000 });
    return new StandIn(home, client);
  }

  /** The last request the stand-in received (before this one). */
  async last(): Promise<WireRequest> {
    return (await this.client.request('test/last', {})) as WireRequest;
  }

  async stop(): Promise<void> {
    await this.client.close();
    await rm(this.home, { recursive: true, force: true });
  }
}
