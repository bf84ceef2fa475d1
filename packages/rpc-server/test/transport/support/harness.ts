import { PassThrough } from 'node:stream';
import { parseJson } from '@rkat/contracts';
import {
  serveConnection,
  type ConnectionHandle,
  type MethodTable,
  type ServeConnectionOptions,
} from '../../../src/transport/index.js';

/** One decoded output line. */
export type Message = Record<string, unknown>;

/** Reads JSONL from a stream into decoded messages; `next()` waits (with a hard timeout). */
export class LineCollector {
  readonly messages: Message[] = [];
  private buffer = '';
  private waiters: (() => void)[] = [];
  private taken = 0;
  ended = false;

  constructor(stream: NodeJS.ReadableStream) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline = this.buffer.indexOf('\n');
      while (newline !== -1) {
        const line = this.buffer.slice(0, newline);
        const parsed = parseJson(line);
        // Recorded rather than thrown, so that the assertion that reads it fails with the line in view.
        this.messages.push(parsed.ok ? (parsed.value as Message) : { notJson: line });
        this.buffer = this.buffer.slice(newline + 1);
        newline = this.buffer.indexOf('\n');
      }
      this.wake();
    });
    stream.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  /** The next message not yet taken. */
  async next(timeoutMs = 3000): Promise<Message> {
    await this.waitFor(() => this.messages.length > this.taken, timeoutMs, 'another output line');
    const message = this.messages[this.taken] as Message;
    this.taken += 1;
    return message;
  }

  /** The next `count` messages. */
  async take(count: number, timeoutMs = 3000): Promise<Message[]> {
    const out: Message[] = [];
    for (let index = 0; index < count; index += 1) out.push(await this.next(timeoutMs));
    return out;
  }

  /** Waits until the stream ends. */
  async end(timeoutMs = 3000): Promise<void> {
    await this.waitFor(() => this.ended, timeoutMs, 'the end of the output');
  }

  /** Waits until a condition on the collected messages holds. */
  async waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    while (!condition()) {
      if (this.ended) throw new Error(`output ended while waiting for ${what}`);
      await withTimeout(new Promise<void>((resolve) => this.waiters.push(resolve)), timeoutMs, what);
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** Rejects when `promise` does not settle within `timeoutMs`. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A connection over in-memory streams with a client-side view. */
export interface Harness {
  readonly input: PassThrough;
  readonly output: PassThrough;
  readonly connection: ConnectionHandle;
  readonly out: LineCollector;
  /** Writes a message (an object as one JSON line, a string as is). */
  send(message: object | string): void;
  /** Ends the input and waits for the connection to close. */
  finish(): Promise<void>;
}

/** Serves `methods` over PassThrough streams. */
export function startHarness(methods: MethodTable, options: Partial<ServeConnectionOptions> = {}): Harness {
  const input = new PassThrough();
  const output = new PassThrough();
  const out = new LineCollector(output);
  const connection = serveConnection({ ...options, input, output, methods });
  return {
    input,
    output,
    connection,
    out,
    send: (message) => input.write(typeof message === 'string' ? message : `${JSON.stringify(message)}\n`),
    finish: async () => {
      input.end();
      await withTimeout(connection.closed, 3000, 'the connection to close');
    },
  };
}

/** A promise with its resolve and reject exposed. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A request line. */
export const request = (id: number | string, method: string, params: object = {}): object => ({
  jsonrpc: '2.0',
  id,
  method,
  params,
});
