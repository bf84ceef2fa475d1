import { LlmError, type LlmStreamEvent } from '@rkat/core';
import { createCallSignal, type CallSignal } from './call-signal.js';
import { isAbortError, isNetworkError, type SdkErrorReader } from './classify-thrown.js';
import {
  llmErrorFromFailure,
  ProviderFailure,
  redactSecrets,
  type FailureContext,
} from './provider-failure.js';
import type { StreamDecoder } from './stream-decoder.js';

/** One streaming call: how to open it, how to decode it, how to read its SDK's errors. */
export interface ProviderStreamCall<TChunk> extends FailureContext {
  /** The caller's signal (`LlmRequest.signal`). */
  signal: AbortSignal;
  callTimeoutMs?: number;
  /** Sends the request; resolves once the response headers arrived with a success status. */
  open(signal: AbortSignal): Promise<AsyncIterable<TChunk>>;
  decoder: StreamDecoder<TChunk>;
  readSdkError: SdkErrorReader;
}

function toLlmError(error: unknown, call: ProviderStreamCall<unknown>, callSignal: CallSignal): LlmError {
  if (error instanceof LlmError) return error;
  const options = { provider: call.provider, model: call.model };
  if (call.signal.aborted) {
    return new LlmError(`${call.provider} request cancelled`, { ...options, kind: 'cancelled' });
  }
  if (callSignal.timedOut) {
    return new LlmError(`${call.provider} request timed out after ${call.callTimeoutMs} ms`, {
      ...options,
      kind: 'call_timeout',
    });
  }
  if (error instanceof ProviderFailure) return llmErrorFromFailure(error.failure, call);
  const known = call.readSdkError(error);
  if (typeof known === 'object') return llmErrorFromFailure(known.failure, call);
  const detail = redactSecrets(error instanceof Error ? error.message : String(error), call.secrets);
  if (known === 'cancelled' || isAbortError(error)) {
    return new LlmError(`${call.provider} request aborted: ${detail}`, { ...options, kind: 'cancelled' });
  }
  if (known === 'network' || isNetworkError(error)) {
    return new LlmError(`${call.provider} connection failed: ${detail}`, {
      ...options,
      kind: 'network',
      cause: error,
    });
  }
  return new LlmError(`${call.provider} sent an unreadable response: ${detail}`, {
    ...options,
    kind: 'invalid_response',
    cause: error,
  });
}

/**
 * Runs one streaming provider call: opens it, feeds every chunk to the decoder, yields the deltas and then
 * exactly one `response`. Every failure leaves as an `LlmError`: aborts as `cancelled`, the call timeout as
 * `call_timeout`, transport failures and a stream cut short after content as `network`, and a stream that
 * ends with neither content nor a terminal event as `invalid_response`. Closing the iterator early aborts
 * the HTTP request.
 */
export async function* runProviderStream<TChunk>(
  call: ProviderStreamCall<TChunk>,
): AsyncGenerator<LlmStreamEvent> {
  const callSignal = createCallSignal(call.signal, call.callTimeoutMs);
  let iterator: AsyncIterator<TChunk> | undefined;
  let finished = false;
  try {
    if (call.signal.aborted) throw toLlmError(call.signal.reason, call, callSignal);
    try {
      iterator = (await call.open(callSignal.signal))[Symbol.asyncIterator]();
    } catch (error) {
      throw toLlmError(error, call, callSignal);
    }
    for (;;) {
      let events: LlmStreamEvent[];
      try {
        const next = await iterator.next();
        if (next.done) break;
        events = call.decoder.push(next.value);
      } catch (error) {
        throw toLlmError(error, call, callSignal);
      }
      for (const event of events) yield event;
    }
    finished = true;
    // The SDKs end a stream quietly when its signal aborts, so check before trusting the end.
    if (callSignal.signal.aborted) throw toLlmError(callSignal.signal.reason, call, callSignal);
    const response = call.decoder.finish();
    if (!response) {
      const kind = call.decoder.hasContent ? 'network' : 'invalid_response';
      throw new LlmError(`${call.provider} stream ended before its terminal event`, {
        kind,
        provider: call.provider,
        model: call.model,
      });
    }
    yield { type: 'response', response };
  } finally {
    callSignal.dispose();
    if (!finished) {
      callSignal.release();
      await iterator?.return?.().catch(() => undefined);
    }
  }
}
