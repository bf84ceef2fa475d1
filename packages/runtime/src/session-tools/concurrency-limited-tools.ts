import type { ToolDef } from '@rkat/contracts';
import type { ToolCall, ToolExecutionContext, ToolOutcome, ToolSource } from '@rkat/core';

/**
 * Caps how many calls of a tool source run at once (`tools.max_concurrent`, 01 §10): the loop dispatches
 * every call of a reply in parallel, so calls beyond the cap wait for a slot (in call order). A call whose
 * signal aborts while it waits never starts.
 */
export class ConcurrencyLimitedTools implements ToolSource {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly inner: ToolSource,
    private readonly maxConcurrent: number,
  ) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
      throw new RangeError('maxConcurrent must be a positive integer');
    }
  }

  list(): readonly ToolDef[] {
    return this.inner.list();
  }

  timeoutMs(name: string): number | undefined {
    return this.inner.timeoutMs?.(name);
  }

  async execute(call: ToolCall, context: ToolExecutionContext): Promise<ToolOutcome> {
    await this.acquire(context.signal);
    try {
      return await this.inner.execute(call, context);
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        this.running += 1;
        resolve();
      };
      const onAbort = (): void => {
        const index = this.waiting.indexOf(grant);
        if (index !== -1) this.waiting.splice(index, 1);
        reject(signal.reason instanceof Error ? signal.reason : new Error('tool call cancelled'));
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.running -= 1;
    this.waiting.shift()?.();
  }
}
