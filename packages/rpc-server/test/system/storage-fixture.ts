import { join } from 'node:path';
import { RpcClient } from './rpc-client.js';
import { sessionEvents, type SystemFixture } from './support.js';

/** A realm's session database under the fixture's state root. */
export function sessionsDatabasePath(
  fixture: SystemFixture,
  realm: string,
  stateRoot = fixture.stateRoot,
): string {
  return join(stateRoot, realm, 'sessions.sqlite3');
}

/** Spawns `rkat-rpc --state-root <root> --realm <realm>` (root: the fixture's) with extra environment. */
export function launchRealm(
  fixture: SystemFixture,
  realm: string,
  options: { env?: Record<string, string>; stateRoot?: string } = {},
): RpcClient {
  const client = new RpcClient({
    env: fixture.env(options.env),
    args: ['--state-root', options.stateRoot ?? fixture.stateRoot, '--realm', realm],
    timeoutMs: 30_000,
  });
  fixture.clients.push(client);
  return client;
}

/**
 * Everything a client can read of a session: `session/read` and the whole `session/history`. The read's
 * `updated_at` is left out: settling a failed turn's input as abandoned is itself a commit and touches it.
 */
export async function readBack(client: RpcClient, sessionId: string): Promise<unknown> {
  const read = await client.call('session/read', { session_id: sessionId });
  delete read.updated_at;
  return { read, history: await client.call('session/history', { session_id: sessionId }) };
}

/** The `error_class` of every `run_failed` event of a session so far. */
export function runFailureClasses(client: RpcClient, sessionId: string): unknown[] {
  return sessionEvents(client, sessionId)
    .map(({ event }) => event)
    .filter((event) => event.type === 'run_failed')
    .map((event) => event.error_class);
}
