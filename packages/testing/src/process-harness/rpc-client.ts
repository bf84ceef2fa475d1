import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { parseJson } from '@rkat/contracts';

/** One decoded stdout line (`{notJson}` for a line that is not JSON, so assertions can show it). */
export type Message = Record<string, unknown> & {
  id?: unknown;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
};

/** A response and where it sits among every line the server wrote. */
export interface Answer {
  readonly message: Message;
  /** Index of the response in `RpcClient.messages`. */
  readonly index: number;
}

/** How the test, acting as the client, answers a server → client request: a result, an error, or nothing. */
export type CallbackReply =
  | { result: unknown }
  | { error: { code: number; message: string } }
  | 'ignore'
  | ((
      params: Record<string, unknown>,
    ) => { result: unknown } | { error: { code: number; message: string } } | 'ignore');

export interface SpawnOptions {
  args: readonly string[];
  /** The whole environment of the child (PATH is added). */
  env: Record<string, string>;
  /** Default 30 s: the bound of every wait of this client. */
  timeoutMs?: number;
  /** The script node runs (the built `rkat-rpc`, or the `rkat` CLI with `preArgs: ['rpc']`). */
  bin: string;
  /** Arguments before `args` (e.g. `rpc` for the CLI). */
  preArgs?: readonly string[];
}

/** Rejects when `promise` does not settle within `timeoutMs`. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A spawned `rkat-rpc` (a node script given as `bin`) spoken to in raw JSONL: send lines, await responses by id, collect notifications,
 * and answer server → client requests (`tool/execute`). Every wait has a hard timeout.
 */
export class RpcClient {
  /** Every stdout line, in order. */
  readonly messages: Message[] = [];
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = '';
  private buffer = '';
  private nextId = 1;
  private waiters: (() => void)[] = [];
  private readonly timeoutMs: number;
  private readonly callbacks = new Map<string, CallbackReply>();
  private ended = false;

  constructor(options: SpawnOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.child = spawn(process.execPath, [options.bin, ...(options.preArgs ?? []), ...options.args], {
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => this.onData(chunk));
    this.child.stdout.on('end', () => {
      this.ended = true;
      this.wake();
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.wake();
    });
    // A write after the child died must fail the waiting assertion, not the test process.
    this.child.stdin.on('error', () => {});
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Writes raw text (add the `\n` yourself). */
  write(text: string | Buffer): void {
    this.child.stdin.write(text);
  }

  /** Writes one JSON value as a line. */
  send(message: unknown): void {
    this.write(`${JSON.stringify(message)}\n`);
  }

  /** A fresh numeric request id. */
  id(): number {
    return this.nextId++;
  }

  /** Sends a request and resolves with its response (result or error) and its position. */
  async request(method: string, params: unknown = {}, id: number | string = this.id()): Promise<Answer> {
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.response(id, `the response to ${method} (id ${JSON.stringify(id)})`);
  }

  /** Sends a request and resolves with its result; throws when it answers an error. */
  async call<T = Record<string, unknown>>(method: string, params: unknown = {}): Promise<T> {
    const { message } = await this.request(method, params);
    if (message.error) throw new Error(`${method} failed: ${JSON.stringify(message.error)}`);
    return message.result as T;
  }

  /** Sends a request without waiting; await `response(id)` later. */
  start(method: string, params: unknown = {}): number {
    const id = this.id();
    this.send({ jsonrpc: '2.0', id, method, params });
    return id;
  }

  /** Waits for the response with this id (same JSON type). */
  async response(id: unknown, what = `the response with id ${JSON.stringify(id)}`): Promise<Answer> {
    const find = (): number =>
      this.messages.findIndex((message) => message.method === undefined && message.id === id);
    await this.waitFor(() => find() !== -1, what);
    const index = find();
    return { message: this.messages[index] as Message, index };
  }

  /** Notifications (no id) of `method` so far. */
  notifications(method: string): Message[] {
    return this.messages.filter((message) => message.method === method && message.id === undefined);
  }

  /** Waits until `count` notifications match. */
  async waitForNotifications(
    method: string,
    predicate: (message: Message) => boolean,
    count = 1,
  ): Promise<Message[]> {
    const matching = (): Message[] => this.notifications(method).filter(predicate);
    await this.waitFor(() => matching().length >= count, `${count} ${method} notification(s)`);
    return matching();
  }

  /** Server → client requests of `method` so far. */
  serverRequests(method: string): Message[] {
    return this.messages.filter((message) => message.method === method && message.id !== undefined);
  }

  /** How to answer server → client requests of `method` from now on. */
  answer(method: string, reply: CallbackReply): void {
    this.callbacks.set(method, reply);
  }

  /** Waits until a condition on the collected lines holds (bounded by the client's timeout). */
  async waitFor(condition: () => boolean, what: string, timeoutMs = this.timeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (this.ended) throw new Error(`stdout ended while waiting for ${what}\nstderr: ${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\nstderr: ${this.stderr}`);
      await withTimeout(new Promise<void>((resolve) => this.waiters.push(resolve)), left, what).catch(
        () => undefined,
      );
    }
  }

  /** Waits until stderr matches `pattern` and returns the match. */
  async waitForStderr(pattern: RegExp): Promise<RegExpExecArray> {
    await this.waitFor(() => pattern.test(this.stderr), `stderr to match ${String(pattern)}`);
    return pattern.exec(this.stderr) as RegExpExecArray;
  }

  /** Closes stdin (EOF) and waits for the exit. */
  async close(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.stdin.end();
    return withTimeout(this.exited, this.timeoutMs, 'rkat-rpc to exit after EOF');
  }

  /** SIGKILL, for cleanup after a failed test. Idempotent. */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      const parsed = parseJson(line);
      const message = (parsed.ok ? parsed.value : { notJson: line }) as Message;
      this.messages.push(message);
      this.onServerRequest(message);
      newline = this.buffer.indexOf('\n');
    }
    this.wake();
  }

  private onServerRequest(message: Message): void {
    if (message.method === undefined || message.id === undefined) return;
    const configured = this.callbacks.get(message.method);
    if (configured === undefined) return;
    const reply = typeof configured === 'function' ? configured(message.params ?? {}) : configured;
    if (reply === 'ignore') return;
    this.send({ jsonrpc: '2.0', id: message.id, ...reply });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
