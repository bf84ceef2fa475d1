import { createWriteStream, type WriteStream } from 'node:fs';
import { createLogger, type Logger } from '../transport/index.js';

/** A logger and what closes its file. */
export interface ServerLogger {
  readonly logger: Logger;
  /** Flushes and closes the log file, if any. Never rejects. */
  close(): Promise<void>;
}

/**
 * The process logger (00-decisions.md §12a): silent unless `RKAT_LOG=<level>`; with `--log-file` (or the
 * original's `RKAT_RPC_TRACE_FILE`) lines are appended to that file instead of stderr, at `RKAT_LOG`'s level
 * or `info`. A log file that cannot be written is ignored: logging never stops the server.
 */
export function createServerLogger(
  logFile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ServerLogger {
  const path = logFile ?? (env.RKAT_RPC_TRACE_FILE || undefined);
  if (path === undefined) {
    return { logger: createLogger({ env, scope: 'rkat-rpc' }), close: () => Promise.resolve() };
  }
  const file: WriteStream = createWriteStream(path, { flags: 'a' });
  file.on('error', () => {
    // An unwritable log file must not take the server down.
  });
  const logger = createLogger({ env: { RKAT_LOG: env.RKAT_LOG || 'info' }, sink: file, scope: 'rkat-rpc' });
  return {
    logger,
    close: () =>
      new Promise((resolve) => {
        if (file.destroyed) resolve();
        else file.end(() => resolve());
      }),
  };
}
