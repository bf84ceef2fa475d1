import assert from 'node:assert/strict';
import { ProcessFixture } from './process-fixture.js';
import { withTimeout, type RpcClient } from './rpc-client.js';

/**
 * The SQLite store's commit fault points, in the order `commitBoundary` reaches them (the store's
 * `COMMIT_FAULT_POINTS`; repeated here because `testing` does not depend on `@rkat/store`).
 */
export const COMMIT_FAULT_POINTS = [
  'commit:before',
  'commit:after-messages',
  'commit:after-session',
  'commit:after-input',
  'commit:before-commit',
] as const;

export type CommitFaultPoint = (typeof COMMIT_FAULT_POINTS)[number];

/** Where `killAt` ends a process with SIGKILL. */
export type KillPoint =
  /**
   * After the client has seen `textDeltas` `text_delta` events (of `sessionId`, or of any session) among
   * the lines from index `from` on (default: the lines that arrive after `killAt` is called).
   */
  | { textDeltas: number; sessionId?: string; from?: number }
  /** When the server has sent its `count`-th `tool/execute` (the test never answers it): the call is in flight. */
  | { toolExecutes: number }
  /** The process kills itself at the store fault point it was launched with (see `launch`). */
  | { faultPoint: true };

/**
 * The bound of every wait on a launched process. Generous because the suite runs its files in parallel
 * and each launch loads the whole runtime; a hang still fails.
 */
export const CRASH_WAIT_MS = 30_000;

/** Options of one `rkat-rpc` launch. */
export interface LaunchOptions {
  /** `<point>:<nth>`: the process SIGKILLs itself the nth time its store reaches that commit point. */
  faultPoint?: `${CommitFaultPoint}:${number}`;
  /** Extra environment (over the fake provider's URLs and keys). */
  env?: Record<string, string>;
  /** Extra flags after `--state-root <root> --realm <realm>`. */
  args?: readonly string[];
}

export interface CrashHarnessOptions {
  /** The built `rkat-rpc` script every launch runs. */
  bin: string;
  /** The realm every launch opens; default `crash-realm`. */
  realm?: string;
}

/**
 * Crash tests across OS processes (reliability.md rows 1-3 and 5): one fake provider, one temp state
 * root and one named realm; each `launch` spawns a fresh `rkat-rpc` child on that realm, so a restart
 * shares nothing with the killed process but the files on disk.
 */
export class CrashHarness {
  private constructor(
    readonly fixture: ProcessFixture,
    readonly realm: string,
  ) {}

  static async start(options: CrashHarnessOptions): Promise<CrashHarness> {
    return new CrashHarness(await ProcessFixture.start(options.bin), options.realm ?? 'crash-realm');
  }

  /** The state root every launch shares. */
  get stateRoot(): string {
    return this.fixture.stateRoot;
  }

  /** Spawns a fresh `rkat-rpc --state-root <root> --realm <realm>`. */
  launch(options: LaunchOptions = {}): RpcClient {
    const faults: Record<string, string> =
      options.faultPoint !== undefined
        ? { RKAT_TEST_FAULTS: '1', RKAT_TEST_FAULT_POINT: options.faultPoint }
        : {};
    return this.fixture.spawn(['--realm', this.realm, ...(options.args ?? [])], {
      env: this.fixture.env({ ...faults, ...options.env }),
      timeoutMs: CRASH_WAIT_MS,
    });
  }

  /**
   * Waits for the kill point, SIGKILLs the process (a fault point kills itself) and resolves once it is
   * gone, asserting it died of SIGKILL.
   */
  async killAt(client: RpcClient, point: KillPoint): Promise<void> {
    if ('textDeltas' in point) {
      const from = point.from ?? client.messages.length;
      await client.waitFor(
        () => textDeltaCount(client, from, point.sessionId) >= point.textDeltas,
        `${point.textDeltas} text_delta events`,
      );
      client.kill();
    } else if ('toolExecutes' in point) {
      await client.waitFor(
        () => client.serverRequests('tool/execute').length >= point.toolExecutes,
        `tool/execute #${point.toolExecutes}`,
      );
      client.kill();
    }
    const exit = await withTimeout(client.exited, CRASH_WAIT_MS, 'the killed rkat-rpc to exit');
    assert.equal(exit.signal, 'SIGKILL', `rkat-rpc ended by ${JSON.stringify(exit)}\n${client.stderr}`);
  }

  /** Kills every process still running, stops the fake and removes the state root. */
  stop(): Promise<void> {
    return this.fixture.stop();
  }
}

/** `text_delta` notifications among the client's lines from index `from` on (of one session, if given). */
export function textDeltaCount(client: RpcClient, from: number, sessionId?: string): number {
  return client.messages.slice(from).filter((message) => {
    if (message.method !== 'session/event' || message.id !== undefined) return false;
    const params = message.params ?? {};
    const event = params.event as { type?: unknown } | undefined;
    if (sessionId !== undefined && params.session_id !== sessionId) return false;
    return event?.type === 'text_delta';
  }).length;
}
