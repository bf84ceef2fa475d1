import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContract, formatIssues } from '@rkat/contracts';
import { fakeScript, startFakeProvider, type FakeStep } from '@rkat/testing/fake-provider';
import { ProcessFixture } from '@rkat/testing/process-harness';
import { RKAT_RPC_BIN, RpcClient, type Message, type SpawnOptions } from './rpc-client.js';

/**
 * One fake provider and one temp home per test file, and the `rkat-rpc` processes spawned against them
 * (`@rkat/testing/process-harness`'s `ProcessFixture` on this package's binary).
 */
export class SystemFixture extends ProcessFixture {
  static override async start(): Promise<SystemFixture> {
    const fake = await startFakeProvider();
    return new SystemFixture(fake, await mkdtemp(join(tmpdir(), 'rkat-rpc-system-')), RKAT_RPC_BIN);
  }

  /** Spawns `rkat-rpc --state-root <root> ...args`. */
  override spawn(args: readonly string[] = [], options: Partial<SpawnOptions> = {}): RpcClient {
    return this.track(
      new RpcClient({ env: this.env(), ...options, args: ['--state-root', this.stateRoot, ...args] }),
    );
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
