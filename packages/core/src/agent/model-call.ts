import type { AgentEvent } from '@rkat/contracts';
import { LlmError } from '../errors/llm-error.js';
import type { Clock } from '../ports/clock.js';
import type { LlmClient, LlmRequest, LlmResponse } from '../ports/llm-client.js';
import { createAbortScope } from '../abort/abort-scope.js';
import { withStreamWatchdog } from './stream-watchdog.js';

/** The result of one streamed model call. `visibleOutput` is true once a delta was emitted. */
export type ModelCallOutcome =
  { ok: true; response: LlmResponse } | { ok: false; error: unknown; visibleOutput: boolean };

export interface ModelCallOptions {
  llm: LlmClient;
  request: Omit<LlmRequest, 'signal'>;
  /** Cancels the call (interrupt, time budget). */
  signal: AbortSignal;
  clock: Clock;
  /** A stream with no event for this long is aborted and fails as a retryable `stream_stalled`. */
  idleTimeoutMs: number;
  /** Receives `text_delta` / `reasoning_delta`; omit it for a silent call (extraction). */
  emit?: (event: AgentEvent) => void;
}

/**
 * Runs one streamed model call: forwards deltas as events and returns the call's single `response`.
 * Never throws; a failure is returned with whether visible output had already been emitted (which
 * forbids a retry). A stall aborts the request's own signal so the client can release the connection.
 */
export async function streamModelCall(options: ModelCallOptions): Promise<ModelCallOutcome> {
  const { llm, request, clock, emit } = options;
  const call = createAbortScope(options.signal);
  let visibleOutput = false;
  try {
    const stream = withStreamWatchdog(llm.stream({ ...request, signal: call.signal }), {
      clock,
      idleTimeoutMs: options.idleTimeoutMs,
      signal: call.signal,
      onStall: () => {
        const error = new LlmError(`stream stalled: no event for ${options.idleTimeoutMs} ms`, {
          kind: 'stream_stalled',
          provider: llm.provider,
          model: request.model,
        });
        call.abort(error);
        return error;
      },
    });
    for await (const event of stream) {
      switch (event.type) {
        case 'text_delta':
        case 'reasoning_delta':
          if (emit && event.delta !== '') {
            emit({ type: event.type, delta: event.delta });
            visibleOutput = true;
          }
          break;
        case 'response':
          return { ok: true, response: event.response };
      }
    }
    const error = new LlmError('the model stream ended without a response', {
      kind: 'invalid_response',
      provider: llm.provider,
      model: request.model,
    });
    return { ok: false, error, visibleOutput };
  } catch (error) {
    return { ok: false, error, visibleOutput };
  } finally {
    call.abort(new Error('model call finished'));
  }
}
