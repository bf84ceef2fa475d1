import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeScript, startFakeProvider, type FakeProvider, type FakeStep } from '@rkat/testing/fake-provider';
import { MeerkatClient, type ConnectOptions } from '../src/index.js';

/** One fake provider and one temp home per test file, and the clients connected against them. */
export class SdkFixture {
  private readonly clients: MeerkatClient[] = [];

  private constructor(
    readonly fake: FakeProvider,
    readonly home: string,
  ) {}

  static async start(): Promise<SdkFixture> {
    return new SdkFixture(await startFakeProvider(), await mkdtemp(join(tmpdir(), 'rkat-sdk-')));
  }

  /** Where realms live. */
  get stateRoot(): string {
    return join(this.home, 'state');
  }

  /** The child's environment: the fake's base URLs and keys, a private HOME, this PATH. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      HOME: this.home,
      PATH: process.env.PATH ?? '',
      XDG_DATA_HOME: join(this.home, 'data'),
      ...this.fake.env(),
      ...extra,
    };
  }

  /** A client connected to this repository's rkat-rpc in `realmId` under the temp state root. */
  async connect(options: ConnectOptions = {}, client = new MeerkatClient()): Promise<MeerkatClient> {
    this.clients.push(client);
    return client.connect({
      stateRoot: this.stateRoot,
      env: this.env(),
      requestTimeoutMs: 30_000,
      ...options,
    });
  }

  /** Closes every client, stops the fake, removes the temp home. */
  async stop(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close()));
    await this.fake.close();
    await rm(this.home, { recursive: true, force: true });
  }
}

/** A prompt that scripts the fake provider. */
export function scripted(steps: FakeStep[], text = 'go'): string {
  return `${text} ${fakeScript(steps)}`;
}
