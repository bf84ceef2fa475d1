/** Log levels, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured context of a log line. Values are written as JSON; errors as their name and message only. */
export type LogFields = Readonly<Record<string, unknown>>;

/** The package's logger. Every method is cheap when its level is off and never throws. */
export interface Logger {
  /** The most verbose level written, or `'off'`. */
  readonly level: LogLevel | 'off';
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  trace(message: string, fields?: LogFields): void;
}

/** Where log lines go: anything with a `write(text)` (stderr by default, never stdout). */
export interface LogSink {
  write(text: string): unknown;
}

/** Options of `createLogger`. */
export interface LoggerOptions {
  /** Environment to read `RKAT_LOG` from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Destination. Default `process.stderr`. */
  readonly sink?: LogSink;
  /** A name written on every line, e.g. `rkat-rpc`. */
  readonly scope?: string;
}

/**
 * A logger that writes one line per entry to stderr, only when `RKAT_LOG=<level>` names a level
 * (00-decisions.md §12a: the 0.6.6 Python SDK never reads the server's stderr, so the default is silent).
 * An unset, empty, `off` or unknown value disables it.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  const level = parseLogLevel(env.RKAT_LOG);
  if (level === 'off') return silentLogger;
  const sink = options.sink ?? process.stderr;
  const threshold = LOG_LEVELS.indexOf(level);
  const prefix = options.scope ? ` ${options.scope}:` : '';
  const write =
    (entryLevel: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (LOG_LEVELS.indexOf(entryLevel) > threshold) return;
      const tail = fields ? ` ${formatFields(fields)}` : '';
      try {
        sink.write(`${new Date().toISOString()} ${entryLevel.toUpperCase()}${prefix} ${message}${tail}\n`);
      } catch {
        // Logging must never take the server down.
      }
    };
  return {
    level,
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    trace: write('trace'),
  };
}

const ignore = (): void => {};

/** A logger that writes nothing. */
export const silentLogger: Logger = {
  level: 'off',
  error: ignore,
  warn: ignore,
  info: ignore,
  debug: ignore,
  trace: ignore,
};

/** The level named by an `RKAT_LOG` value (case-insensitive), or `'off'`. */
export function parseLogLevel(value: string | undefined): LogLevel | 'off' {
  const normalized = value?.trim().toLowerCase();
  return LOG_LEVELS.find((level) => level === normalized) ?? 'off';
}

function formatFields(fields: LogFields): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) =>
      value instanceof Error
        ? `${value.name}: ${value.message}`
        : typeof value === 'bigint'
          ? String(value)
          : value,
    );
  } catch {
    return '{"fields":"unserializable"}';
  }
}
