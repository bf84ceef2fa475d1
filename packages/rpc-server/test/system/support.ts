import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContract, formatIssues } from '@rkat/contracts';
import { fakeScript, startFakeProvider, type FakeProvider, type FakeStep } from '@rkat/testing/fake-provider';
import { RpcClient, type Message, type SpawnOptions } from './rpc-client.js';

/** One fake provider and one temp home per test file, and the processes spawned against them. */
export class SystemFixture {
  readonly clients: RpcClient[] = [];

  private constructor(
    readonly fake: FakeProvider,
    readonly home: string,
  ) {}

  static async start(): Promise<SystemFixture> {
    return new SystemFixture(await startFakeProvider(), await mkdtemp(join(tmpdir(), 'rkat-rpc-system-')));
  }

  /** Where realms live: a private state root. */
  get stateRoot(): string {
    return join(this.home, 'state');
  }

  /** A clean environment: the fake's base URLs and keys and a private HOME; nothing else inherited. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { HOME: this.home, XDG_DATA_HOME: join(this.home, 'data'), ...this.fake.env(), ...extra };
  }

  /** Spawns `rkat-rpc --state-root <root> ...args`. */
  spawn(args: readonly string[] = [], options: Partial<SpawnOptions> = {}): RpcClient {
    const client = new RpcClient({
      env: this.env(),
      ...options,
      args: ['--state-root', this.stateRoot, ...args],
    });
    this.clients.push(client);
    return client;
  }

  /** Kills what is still running, stops the fake and removes the temp home. */
  async stop(): Promise<void> {
    for (const client of this.clients) client.kill();
    await Promise.all(this.clients.map((client) => client.exited));
    await this.fake.close();
    await rm(this.home, { recursive: true, force: true });
  }
}

/** A prompt that scripts the fake provider. */
export function scripted(steps: FakeStep[], text = 'go'): string {
  return `${text} ${fakeScript(steps)}`;
}

/**
 * Asserts that `value` matches `schema` and, when the schema lists its properties, has no other top-level
 * key (the documented shape exactly).
 */
export function assertShape(schema: object, value: unknown, what: string): void {
  const checked = checkContract(schema, value);
  assert.ok(
    checked.ok,
    `${what}: ${checked.ok ? '' : formatIssues(checked.issues)}\n${JSON.stringify(value)}`,
  );
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  if (properties && typeof value === 'object' && value !== null) {
    const extra = Object.keys(value).filter((key) => !Object.hasOwn(properties, key));
    assert.deepEqual(extra, [], `${what}: undocumented keys`);
  }
}

/** The error of a response, asserting there is one. */
export function errorOf(message: Message): { code: number; message: string; data?: unknown } {
  assert.ok(message.error, `expected an error, got ${JSON.stringify(message)}`);
  return message.error;
}

/** The result of a response, asserting it succeeded. */
export function resultOf<T = Record<string, unknown>>(message: Message): T {
  assert.equal(message.error, undefined, `expected a result, got ${JSON.stringify(message.error)}`);
  return message.result as T;
}

/** The `session/event` notifications of a session, in order, with their line indexes. */
export function sessionEvents(
  client: RpcClient,
  sessionId: string,
): { index: number; event: Record<string, unknown> }[] {
  const out: { index: number; event: Record<string, unknown> }[] = [];
  client.messages.forEach((message, index) => {
    if (message.method === 'session/event' && message.params?.session_id === sessionId) {
      out.push({ index, event: message.params.event as Record<string, unknown> });
    }
  });
  return out;
}
