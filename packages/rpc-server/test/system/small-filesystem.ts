import { execFile } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A tiny tmpfs mounted for one test: a real file system that runs out of space. */
export interface SmallFilesystem {
  readonly root: string;
  /** Writes a filler file until the file system answers ENOSPC; resolves with the bytes written. */
  fill(): Promise<number>;
  /** Deletes the filler: space returns. */
  free(): Promise<void>;
  /** Unmounts and removes the mount point. */
  unmount(): Promise<void>;
}

/**
 * Mounts a tmpfs of `sizeBytes`, or resolves with the reason it cannot (not root, no CAP_SYS_ADMIN, no
 * `mount` binary), so the caller can skip rather than fail for lack of privilege.
 */
export async function mountSmallFilesystem(sizeBytes: number): Promise<SmallFilesystem | string> {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux (this is ${process.platform})`;
  const root = await mkdtemp(join(tmpdir(), 'rkat-small-fs-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', root]);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr?.trim() || String(error);
    return `cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): ${detail}`;
  }
  const filler = join(root, 'filler');
  return {
    root,
    fill: async () => {
      const handle = await open(filler, 'a');
      const block = Buffer.alloc(64 * 1024, 0x55);
      let written = 0;
      try {
        for (let size = block.length; size >= 1; size = Math.floor(size / 2)) {
          for (;;) {
            try {
              written += (await handle.write(block, 0, size)).bytesWritten;
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
              break;
            }
          }
        }
      } finally {
        await handle.close();
      }
      return written;
    },
    free: () => rm(filler, { force: true }),
    unmount: async () => {
      await run('umount', [root]);
      await rm(root, { recursive: true, force: true });
    },
  };
}
