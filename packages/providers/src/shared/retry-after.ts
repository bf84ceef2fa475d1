/** Anything that can answer `get(name)` for a response header. */
export type HeaderSource =
  { get(name: string): string | null | undefined } | Readonly<Record<string, string | undefined>> | undefined;

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null | undefined }).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | undefined>>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

/**
 * The delay a provider asks for before the next attempt, in milliseconds: `retry-after-ms` first, then
 * `retry-after` as seconds or as an HTTP date (relative to `now`). Undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const milliseconds = readHeader(headers, 'retry-after-ms')?.trim();
  if (milliseconds) {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const raw = readHeader(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Parses a protobuf Duration string such as `"30s"` or `"1.5s"` (Gemini `RetryInfo.retryDelay`). */
export function parseDurationSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match?.[1] === undefined ? undefined : Math.round(Number(match[1]) * 1000);
}
