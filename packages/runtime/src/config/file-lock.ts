import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { RuntimeError } from '../errors/runtime-error.js';

export interface FileLockOptions {
  /** Give up after this long; default 5 s (01 §10). */
  timeoutMs?: number;
  /** A lock file older than this is left over from a crashed writer and is broken; default 30 s. */
  staleAfterMs?: number;
  /** Pause between attempts; default 20 ms (plus jitter). */
  retryDelayMs?: number;
}

const ignoreMissing = (error: NodeJS.ErrnoException): undefined => {
  if (error.code === 'ENOENT') return undefined;
  throw error;
};

async function tryCreate(path: string, token: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify({ pid: process.pid, token }));
  } finally {
    await handle.close();
  }
  return true;
}

/** Removes a lock file older than `staleAfterMs`, unless another process replaced it meanwhile. */
async function breakIfStale(path: string, staleAfterMs: number): Promise<void> {
  const seen = await stat(path).catch(ignoreMissing);
  if (!seen || Date.now() - seen.mtimeMs <= staleAfterMs) return;
  const aside = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.stale`;
  const moved = await rename(path, aside).then(
    () => true,
    (error: NodeJS.ErrnoException) => ignoreMissing(error) ?? false,
  );
  if (!moved) return;
  const taken = await stat(aside);
  if (taken.ino !== seen.ino || taken.mtimeMs !== seen.mtimeMs) {
    // A fresh lock replaced the stale one between our stat and rename: hand it back.
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(ignoreMissing);
}

/**
 * Runs `action` while holding the exclusive lock file `path` (created with `O_EXCL`, removed afterwards), so
 * processes sharing a realm never run their actions at the same time. A lock older than `staleAfterMs` is
 * broken. Waiting longer than `timeoutMs` throws `RuntimeError('INTERNAL_ERROR')`; `action`'s own error is
 * rethrown after the lock is released.
 */
export async function withFileLock<T>(
  path: string,
  options: FileLockOptions,
  action: () => Promise<T>,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const staleAfterMs = options.staleAfterMs ?? 30_000;
  const retryDelayMs = options.retryDelayMs ?? 20;
  const token = randomBytes(12).toString('hex');
  const deadline = Date.now() + timeoutMs;
  while (!(await tryCreate(path, token))) {
    await breakIfStale(path, staleAfterMs);
    if (Date.now() >= deadline) {
      throw new RuntimeError(
        'INTERNAL_ERROR',
        `timed out after ${timeoutMs} ms waiting for the lock ${path}`,
      );
    }
    await sleep(retryDelayMs + Math.floor(Math.random() * retryDelayMs));
  }
  try {
    return await action();
  } finally {
    // Remove the lock only if it is still ours (a very slow action may have had it broken as stale).
    const holder = await readFile(path, 'utf8').catch(() => '');
    if (holder.includes(token)) await unlink(path).catch(ignoreMissing);
  }
}
