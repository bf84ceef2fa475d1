import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeProvider, type FakeProvider } from '../fake-provider/index.js';
import { RpcClient, type SpawnOptions } from './rpc-client.js';

/**
 * One fake provider and one temp home, and the `rkat-rpc` processes spawned against them (the binary is a
 * parameter: this package does not depend on the server). `stop()` kills what still runs and removes the home.
 */
export class ProcessFixture {
  readonly clients: RpcClient[] = [];

  protected constructor(
    readonly fake: FakeProvider,
    readonly home: string,
    /** The node script `spawn` runs. */
    readonly bin: string,
  ) {}

  /** Starts the fake provider and creates the temp home; `bin` is the built `rkat-rpc` script. */
  static async start(bin: string): Promise<ProcessFixture> {
    const fake = await startFakeProvider();
    return new ProcessFixture(fake, await mkdtemp(join(tmpdir(), 'rkat-rpc-system-')), bin);
  }

  /** Where realms live: a private state root. */
  get stateRoot(): string {
    return join(this.home, 'state');
  }

  /** A clean environment: the fake's base URLs and keys and a private HOME; nothing else inherited. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { HOME: this.home, XDG_DATA_HOME: join(this.home, 'data'), ...this.fake.env(), ...extra };
  }

  /** Spawns `<bin> --state-root <root> ...args`. */
  spawn(args: readonly string[] = [], options: Partial<SpawnOptions> = {}): RpcClient {
    return this.track(
      new RpcClient({
        bin: this.bin,
        env: this.env(),
        ...options,
        args: ['--state-root', this.stateRoot, ...args],
      }),
    );
  }

  /** Kills what is still running, stops the fake and removes the temp home. */
  async stop(): Promise<void> {
    for (const client of this.clients) client.kill();
    await Promise.all(this.clients.map((client) => client.exited));
    await this.fake.close();
    await rm(this.home, { recursive: true, force: true });
  }

  /** Registers a client `stop()` must kill. */
  protected track<T extends RpcClient>(client: T): T {
    this.clients.push(client);
    return client;
  }
}
