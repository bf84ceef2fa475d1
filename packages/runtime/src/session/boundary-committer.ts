import type { SessionMessage, Usage } from '@rkat/contracts';
import type { BoundaryWrite, SessionRecord, SessionStore, UsageTotals } from '@rkat/core';
import { toUsageTotals } from './run-result.js';
import { lastAssistantText } from './session-views.js';

/** The in-memory state of a loaded session that the committer keeps in step with the store. */
export interface CommittedSession {
  record: SessionRecord;
  /** The committed transcript. */
  history: SessionMessage[];
}

const ZERO_USAGE: Usage = {
  input_tokens: 0,
  output_tokens: 0,
  cache_creation_tokens: null,
  cache_read_tokens: null,
};

function addUsage(total: UsageTotals, delta: UsageTotals): UsageTotals {
  return {
    inputTokens: total.inputTokens + delta.inputTokens,
    outputTokens: total.outputTokens + delta.outputTokens,
    cacheCreationTokens: total.cacheCreationTokens + delta.cacheCreationTokens,
    cacheReadTokens: total.cacheReadTokens + delta.cacheReadTokens,
  };
}

/**
 * Turns a run's `BoundaryWrite`s into store transactions (00-decisions.md §16): each commits the appended
 * messages, the usage delta and the session metadata, guarded by the message count last seen; the final
 * write also commits the input's terminal state. The in-memory session advances only after a commit.
 */
export class BoundaryCommitter {
  private inputSettled = false;

  constructor(
    private readonly store: SessionStore,
    private readonly session: CommittedSession,
    private readonly inputId: string,
    private readonly now: () => number,
  ) {}

  /** Commits one boundary of the run; the final one consumes the input. Rejects when the store does. */
  commit(write: BoundaryWrite): Promise<void> {
    return this.write(write.messages, write.usage, write.final ? 'consumed' : undefined);
  }

  /** Commits messages outside the run (the repair of dangling tool calls), without usage or input state. */
  append(messages: SessionMessage[]): Promise<void> {
    return messages.length === 0 ? Promise.resolve() : this.write(messages, ZERO_USAGE, undefined);
  }

  /** Commits `messages` and consumes the input in one transaction (the recovery of an orphaned input). */
  consumeWith(messages: SessionMessage[]): Promise<void> {
    return this.write(messages, ZERO_USAGE, 'consumed');
  }

  /** Records the input's terminal state if no boundary did (a failed or cancelled run). */
  async settleInput(state: 'consumed' | 'abandoned'): Promise<void> {
    if (!this.inputSettled) await this.write([], ZERO_USAGE, state);
  }

  private async write(
    messages: SessionMessage[],
    usage: Usage,
    inputState: 'consumed' | 'abandoned' | undefined,
  ): Promise<void> {
    const { record } = this.session;
    const usageDelta = toUsageTotals(usage);
    const updatedAtMs = this.now();
    const text = lastAssistantText(messages);
    await this.store.commitBoundary({
      sessionId: record.sessionId,
      expectedMessageCount: record.messageCount,
      messages,
      usageDelta,
      updatedAtMs,
      ...(text !== undefined ? { lastAssistantText: text } : {}),
      ...(inputState ? { input: { inputId: this.inputId, state: inputState } } : {}),
    });
    if (inputState) this.inputSettled = true;
    this.session.history.push(...messages);
    record.messageCount += messages.length;
    record.usage = addUsage(record.usage, usageDelta);
    record.updatedAtMs = updatedAtMs;
    if (text !== undefined) record.lastAssistantText = text;
  }
}
