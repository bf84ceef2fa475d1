import { AsyncLocalStorage } from 'node:async_hooks';
import type { ToolCallbackPort } from '@rkat/runtime';

/**
 * Which client owns the callback tools of the run being built. A request that starts a run (`session/create`,
 * `turn/start`) runs it inside `run(port, …)`; the session tool factory, called by the runtime when the run
 * starts, reads `current()`. Async context rather than shared state, so concurrent runs of different
 * connections (TCP) never see each other's client.
 */
export class CallbackScope {
  private readonly storage = new AsyncLocalStorage<ToolCallbackPort>();

  /** Runs `work` with `port` as the callback client of every run it starts. */
  run<T>(port: ToolCallbackPort, work: () => Promise<T>): Promise<T> {
    return this.storage.run(port, work);
  }

  /** The callback client of the current async context, if any. */
  current(): ToolCallbackPort | undefined {
    return this.storage.getStore();
  }
}
