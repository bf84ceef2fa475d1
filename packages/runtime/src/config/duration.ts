const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  nsec: 1e-6,
  us: 1e-3,
  usec: 1e-3,
  ms: 1,
  msec: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/**
 * Parses a config duration to milliseconds: a humantime string (`"500ms"`, `"30s"`, `"1h 30m"`) or a
 * non-negative integer of milliseconds (the original's backward-compatible form). Throws `Error` with a
 * readable reason for anything else.
 */
export function parseDurationMs(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`invalid duration ${value}`);
    return value;
  }
  const text = value.trim();
  if (text === '') throw new Error('empty duration');
  let total = 0;
  let rest = text;
  while (rest.length > 0) {
    const match = /^(\d+)\s*([a-z]+)\s*/i.exec(rest);
    if (!match) throw new Error(`invalid duration '${value}'`);
    const unit = UNIT_MS[(match[2] ?? '').toLowerCase()];
    if (unit === undefined) throw new Error(`unknown time unit '${match[2] ?? ''}' in duration '${value}'`);
    total += Number(match[1]) * unit;
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}
