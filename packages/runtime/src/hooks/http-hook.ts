import type { HookCall } from './hook-call.js';
import { HookRuntimeError } from './hook-call.js';
import { parseHookResponseBytes, type HookDecision } from './hook-response.js';

export interface HttpHookRuntime {
  url: string;
  method: string;
  headers: Readonly<Record<string, string>>;
}

async function readBounded(response: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new HookRuntimeError(`HTTP hook response exceeds max size: ${size} > ${maxBytes}`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

function requestFailure(error: unknown, signal: AbortSignal): HookRuntimeError {
  if (signal.aborted) return new HookRuntimeError('HTTP hook request aborted');
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? `: ${cause.code}` : '';
  // Never the URL or headers: either may carry a credential.
  return new HookRuntimeError(`HTTP hook request failed${code}`);
}

/**
 * Runs an `http` hook: the invocation JSON as the body (`content-type: application/json`, the entry's
 * headers on top), the response JSON as the decision, bounded to `maxResponseBytes`. A non-2xx status is
 * a failure. Redirects are not followed, so configured headers never reach another origin.
 */
export async function runHttpHook(runtime: HttpHookRuntime, call: HookCall): Promise<HookDecision> {
  const bodyless = runtime.method === 'GET' || runtime.method === 'HEAD';
  let response: Response;
  try {
    response = await fetch(runtime.url, {
      method: runtime.method,
      headers: { 'content-type': 'application/json', ...runtime.headers },
      redirect: 'manual',
      signal: call.signal,
      ...(bodyless ? {} : { body: call.payload }),
    });
  } catch (error) {
    throw requestFailure(error, call.signal);
  }
  let bytes: Buffer;
  try {
    bytes = await readBounded(response, call.maxResponseBytes);
  } catch (error) {
    if (error instanceof HookRuntimeError) throw error;
    throw requestFailure(error, call.signal);
  }
  if (response.status < 200 || response.status > 299) {
    throw new HookRuntimeError(`HTTP hook returned ${response.status}`);
  }
  return parseHookResponseBytes(bytes, 'HTTP');
}
