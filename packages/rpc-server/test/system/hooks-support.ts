import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The command hook of the system tests (run by node, no shell): reads the invocation on stdin, appends it
 * to `$HOOK_LOG` and answers per its mode — `allow`, `deny-forbidden` (denies a `run_started` whose
 * prompt says "forbidden"), `hang` (never answers) or `crash` (exits 3).
 */
const COMMAND_HOOK = `
import { appendFileSync } from 'node:fs';
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const invocation = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  appendFileSync(process.env.HOOK_LOG, JSON.stringify(invocation) + '\\n');
  const mode = process.argv[2];
  if (mode === 'hang') { setInterval(() => {}, 1000); return; }
  if (mode === 'crash') process.exit(3);
  const deny = mode === 'deny-forbidden' && (invocation.prompt ?? '').includes('forbidden');
  const decision = deny
    ? { decision: 'deny', reason_code: 'safety_violation', message: 'command hook: forbidden prompt' }
    : { decision: 'allow' };
  process.stdout.write(JSON.stringify({ decision }));
});
`;

export async function writeCommandHook(directory: string): Promise<string> {
  const path = join(directory, 'command-hook.mjs');
  await writeFile(path, COMMAND_HOOK);
  return path;
}

export interface HookRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * The HTTP hook server of the system tests: `/allow`, `/deny` (policy_violation with a payload), `/slow`
 * (answers after 2 s) and `/error` (500); every request is recorded.
 */
export class HookServer {
  readonly requests: HookRequest[] = [];
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<HookServer> {
    const server = createServer();
    const hooks = new HookServer(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        hooks.requests.push({ path, headers: request.headers, body });
        const reply = (status: number, value: unknown): void => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(value));
        };
        if (path === '/deny') {
          reply(200, {
            decision: {
              decision: 'deny',
              reason_code: 'policy_violation',
              message: `http hook denies ${String(body.point)}`,
              payload: { rule: 'no-tools-today' },
            },
          });
        } else if (path === '/slow') {
          setTimeout(() => reply(200, { decision: { decision: 'allow' } }), 2000);
        } else if (path === '/error') {
          reply(500, { error: 'boom' });
        } else {
          reply(200, { decision: { decision: 'allow' } });
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return hooks;
  }

  url(path: string): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
