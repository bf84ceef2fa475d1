import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StreamPlan } from './wire-format.js';

/**
 * Scripted transport faults; each `…After` fires after that many content chunks (capped at the chunk
 * count), `cutAfterBytes` after that many body bytes.
 */
export interface StreamFaults {
  delayMs: number;
  cutAfter?: number;
  stallAfter?: number;
  errorEventAfter?: number;
  doneAfter?: number;
  cutAfterBytes?: number;
  /** Keepalive period while stalled. */
  keepaliveMs?: number;
}

type Fault = 'cut' | 'stall' | 'error_event' | 'done';

function firstFault(faults: StreamFaults, chunkCount: number): { at: number; fault: Fault } | undefined {
  const candidates: { at: number | undefined; fault: Fault }[] = [
    { at: faults.cutAfter, fault: 'cut' },
    { at: faults.stallAfter, fault: 'stall' },
    { at: faults.errorEventAfter, fault: 'error_event' },
    { at: faults.doneAfter, fault: 'done' },
  ];
  let first: { at: number; fault: Fault } | undefined;
  for (const candidate of candidates) {
    if (candidate.at === undefined) continue;
    const at = Math.min(candidate.at, chunkCount);
    if (first === undefined || at < first.at) first = { at, fault: candidate.fault };
  }
  return first;
}

/**
 * Writes a planned stream to an open SSE response, applying the step's delay and faults. Resolves when the
 * stream ended, was cut, or (for a stall) when the connection closed. Never rejects.
 */
export async function writeStream(
  response: ServerResponse,
  plan: StreamPlan,
  faults: StreamFaults,
): Promise<void> {
  const aborter = new AbortController();
  const closed = new Promise<void>((resolve) => {
    response.once('close', () => {
      aborter.abort();
      resolve();
    });
  });
  // Resolves once the frames reached the socket, so a reset right after cannot drop them.
  const send = (data: string | Buffer): Promise<void> => {
    if (data.length === 0 || response.destroyed) return Promise.resolve();
    const written = new Promise<void>((resolve) => response.write(data, () => resolve()));
    return Promise.race([written, closed]);
  };
  const write = (frames: readonly string[]): Promise<void> => send(frames.join(''));

  if (faults.cutAfterBytes !== undefined) {
    const body = Buffer.from([...plan.head, ...plan.chunks.flat(), ...plan.tail].join(''));
    await send(body.subarray(0, faults.cutAfterBytes));
    if (!aborter.signal.aborted) response.socket?.resetAndDestroy();
    return;
  }
  await write(plan.head);
  const fault = firstFault(faults, plan.chunks.length);
  const stopAt = fault?.at ?? plan.chunks.length;
  for (let index = 0; index < stopAt; index += 1) {
    if (aborter.signal.aborted) return;
    await write(plan.chunks[index] ?? []);
    if (faults.delayMs > 0) {
      await sleep(faults.delayMs, undefined, { signal: aborter.signal }).catch(() => undefined);
    }
  }
  if (aborter.signal.aborted) return;
  switch (fault?.fault) {
    case 'cut':
      response.socket?.resetAndDestroy();
      return;
    case 'stall':
      if (faults.keepaliveMs !== undefined)
        await keepAlive(plan.keepalive, faults.keepaliveMs, write, aborter.signal);
      await closed;
      return;
    case 'done':
      await write(plan.end);
      response.end();
      return;
    case 'error_event':
      await write(plan.failure(stopAt));
      response.end();
      return;
    case undefined:
      await write(plan.tail);
      response.end();
      return;
  }
}

/** Sends `frame` every `periodMs` until the connection closes. */
async function keepAlive(
  frame: string,
  periodMs: number,
  write: (frames: readonly string[]) => Promise<void>,
  closed: AbortSignal,
): Promise<void> {
  while (!closed.aborted) {
    await sleep(periodMs, undefined, { signal: closed }).catch(() => undefined);
    if (!closed.aborted) await write([frame]);
  }
}
