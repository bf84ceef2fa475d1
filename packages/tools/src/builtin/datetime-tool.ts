import type { BuiltinTool } from './builtin-tool.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface DatetimeToolOptions {
  /** Current time in epoch milliseconds; defaults to `Date.now`. Tests inject a fixed clock. */
  now?: () => number;
}

/** The JSON object the `datetime` tool answers with (02 §6.3), in UTC like the original. */
export interface DatetimeResult {
  iso8601: string;
  date: string;
  time: string;
  timezone: 'UTC';
  unix_timestamp: number;
  year: string;
  month: string;
  day: string;
  weekday: string;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Describes the instant `epochMs` as the `datetime` tool does. Throws `RangeError` for an invalid time. */
export function describeInstant(epochMs: number): DatetimeResult {
  const at = new Date(epochMs);
  if (Number.isNaN(at.getTime())) throw new RangeError(`invalid time: ${epochMs}`);
  const year = pad(at.getUTCFullYear(), 4);
  const month = pad(at.getUTCMonth() + 1);
  const day = pad(at.getUTCDate());
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  const date = `${year}-${month}-${day}`;
  return {
    iso8601: `${date}T${time}.${pad(at.getUTCMilliseconds(), 3)}+00:00`,
    date,
    time,
    timezone: 'UTC',
    unix_timestamp: Math.floor(epochMs / 1000),
    year,
    month,
    day,
    weekday: WEEKDAYS[at.getUTCDay()] ?? 'Sunday',
  };
}

/** The `datetime` built-in: `datetime {}` → JSON text with the current date and time in UTC. */
export function createDatetimeTool(options: DatetimeToolOptions = {}): BuiltinTool {
  const now = options.now ?? Date.now;
  return {
    def: {
      name: 'datetime',
      description: 'Get the current date and time. Returns ISO 8601 formatted datetime and Unix timestamp.',
      input_schema: { type: 'object', properties: {}, required: [] },
    },
    execute: () => Promise.resolve({ content: JSON.stringify(describeInstant(now())), isError: false }),
  };
}
