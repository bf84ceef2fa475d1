import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseJson } from '@rkat/contracts';
import { MeerkatError, errorFromRpc } from './errors.js';

/** How much of the child's stderr is kept for error messages. */
const STDERR_TAIL_BYTES = 8 * 1024;
/** How long `close()` waits after closing stdin before SIGTERM. */
const EOF_GRACE_MS = 2_000;
/** How long `close()` waits after SIGTERM before SIGKILL. */
const KILL_AFTER_MS = 5_000;

/** What the transport hands to its owner besides responses. */
export interface TransportHandlers {
  /** A notification (`method`, no `id`). */
  onNotification(method: string, params: Record<string, unknown>): void;
  /** A server → client request; the returned promise's value is the reply (a `result` or an `error`). */
  onRequest(method: string, params: Record<string, unknown>): Promise<RpcReply>;
  /** The child is gone (after its pending requests were rejected). */
  onExit(error: MeerkatError): void;
}

/** A reply to a server → client request. */
export type RpcReply = { result: unknown } | { error: { code: number; message: string } };

interface Pending {
  resolve(value: unknown): void;
  reject(error: MeerkatError): void;
  timer?: NodeJS.Timeout;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON-RPC 2.0 over the stdio of one `rkat-rpc` child, one JSON message a line. Reads stderr continuously
 * (keeping a tail); when the child dies every pending call is rejected with `PROCESS_EXITED` and the tail.
 */
export class StdioTransport {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = '';
  private failure: MeerkatError | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly handlers: TransportHandlers,
    private readonly requestTimeoutMs: number | undefined,
  ) {
    child.stdin.on('error', () => {
      // EPIPE after the child died; the exit path reports it.
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => this.onLine(line));
    this.exited = new Promise<void>((resolve) => {
      child.on('error', (error) => {
        this.fail(new MeerkatError('PROCESS_ERROR', `rkat-rpc failed: ${error.message}`, undefined));
        resolve();
      });
      child.on('close', (code, signal) => {
        const tail = this.stderrTail.trim();
        this.fail(
          new MeerkatError(
            'PROCESS_EXITED',
            `rkat-rpc exited before replying (code ${String(code)}, signal ${String(signal)})${tail ? `: ${tail}` : ''}`,
            { exit_code: code, signal, stderr: tail },
          ),
        );
        resolve();
      });
    });
  }

  /** Spawns the child with piped stdio. */
  static spawn(
    command: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    handlers: TransportHandlers,
    requestTimeoutMs?: number,
  ): StdioTransport {
    const child = spawn(command, [...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    return new StdioTransport(child, handlers, requestTimeoutMs);
  }

  /** The last 8 KiB the child wrote to stderr. */
  get stderr(): string {
    return this.stderrTail;
  }

  /** Whether the child is gone (or the transport closed). */
  get isClosed(): boolean {
    return this.failure !== undefined;
  }

  /** Sends a request; resolves with its `result` (default `{}`), rejects with the mapped `MeerkatError`. */
  request(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const pending: Pending = { resolve, reject };
      if (this.requestTimeoutMs !== undefined) {
        pending.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(
            new MeerkatError('REQUEST_TIMEOUT', `${method} got no response in ${this.requestTimeoutMs}ms`),
          );
        }, this.requestTimeoutMs);
      }
      this.pending.set(id, pending);
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /**
   * Stops the child: ends stdin, SIGTERM if it is still running 2 s later, SIGKILL 5 s after that. Pending calls fail `CLIENT_CLOSED`.
   * Idempotent; resolves when the child is gone.
   */
  async close(): Promise<void> {
    this.fail(new MeerkatError('CLIENT_CLOSED', 'Client closed'));
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.stdin.end();
      if (!(await this.exitsWithin(EOF_GRACE_MS))) {
        this.child.kill('SIGTERM');
        if (!(await this.exitsWithin(KILL_AFTER_MS))) this.child.kill('SIGKILL');
      }
    }
    await this.exited;
  }

  private async exitsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const exited = await Promise.race([this.exited.then(() => true), timeout]);
    clearTimeout(timer);
    return exited;
  }

  private write(message: Record<string, unknown>): void {
    if (!this.child.stdin.writable) return;
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  private fail(error: MeerkatError): void {
    if (this.failure) return;
    this.failure = error;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const entry of pending) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
    this.handlers.onExit(error);
  }

  private onLine(line: string): void {
    const parsed = parseJson(line);
    if (!parsed.ok || !isRecord(parsed.value)) return;
    const message = parsed.value;
    const params = isRecord(message.params) ? message.params : {};
    if (typeof message.method === 'string') {
      if (message.id !== undefined && message.id !== null) this.answer(message.id, message.method, params);
      else this.handlers.onNotification(message.method, params);
      return;
    }
    if (typeof message.id !== 'number') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.error !== undefined) pending.reject(errorFromRpc(message.error));
    else pending.resolve(message.result ?? {});
  }

  private answer(id: unknown, method: string, params: Record<string, unknown>): void {
    this.handlers.onRequest(method, params).then(
      (reply) => this.write({ jsonrpc: '2.0', id, ...reply }),
      (error: unknown) => this.write({ jsonrpc: '2.0', id, error: { code: -32603, message: String(error) } }),
    );
  }
}
