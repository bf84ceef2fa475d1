import { connect, type Socket } from 'node:net';
import { parseJson } from '@rkat/contracts';
import { withTimeout, type Message } from './rpc-client.js';

/** A JSONL JSON-RPC client over TCP (for `rkat-rpc --tcp`). Every wait has a hard timeout. */
export class TcpJsonlClient {
  readonly messages: Message[] = [];
  private buffer = '';
  private waiters: (() => void)[] = [];
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let newline = this.buffer.indexOf('\n'); newline !== -1; newline = this.buffer.indexOf('\n')) {
        const parsed = parseJson(this.buffer.slice(0, newline));
        this.messages.push((parsed.ok ? parsed.value : { notJson: true }) as Message);
        this.buffer = this.buffer.slice(newline + 1);
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static async connect(port: number, timeoutMs = 5000): Promise<TcpJsonlClient> {
    const socket = connect({ host: '127.0.0.1', port });
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      }),
      timeoutMs,
      'the TCP connection',
    );
    return new TcpJsonlClient(socket);
  }

  send(message: unknown): void {
    this.socket.write(`${JSON.stringify(message)}\n`);
  }

  /** Waits for the response with `id`. */
  async response(id: unknown, timeoutMs = 10_000): Promise<Message> {
    const find = (): Message | undefined =>
      this.messages.find((message) => message.method === undefined && message.id === id);
    const deadline = Date.now() + timeoutMs;
    for (let found = find(); ; found = find()) {
      if (found) return found;
      if (this.closed) throw new Error(`the TCP connection closed before the response ${JSON.stringify(id)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for the TCP response ${JSON.stringify(id)}`);
      await withTimeout(new Promise<void>((resolve) => this.waiters.push(resolve)), left, 'TCP data').catch(
        () => undefined,
      );
    }
  }

  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
