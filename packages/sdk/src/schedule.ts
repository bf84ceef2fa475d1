import { camelKeys } from './camel-case.js';
import { isRecord } from './client-core.js';
import { MeerkatError } from './errors.js';
import { camelToSnake } from './wire-params.js';

/** A schedule (`schedule/create|get|update|pause|resume|delete`), camelCase; numeric wrappers unwrapped. */
export interface Schedule {
  readonly scheduleId: string;
  readonly phase: string;
  readonly revision: number;
  readonly name?: string;
  readonly description?: string;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly target: Readonly<Record<string, unknown>>;
  readonly misfirePolicy?: unknown;
  readonly overlapPolicy?: string;
  readonly missingTargetPolicy?: string;
  readonly planningHorizonDays?: number;
  readonly planningHorizonOccurrences?: number;
  readonly nextOccurrenceOrdinal?: number;
  readonly planningCursorUtc?: string;
  readonly createdAtUtc?: string;
  readonly updatedAtUtc?: string;
  readonly deletedAtUtc?: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** One planned or past run of a schedule (`schedule/occurrences` row), camelCase. */
export interface ScheduleOccurrence {
  readonly occurrenceId: string;
  readonly scheduleId: string;
  readonly scheduleRevision: number;
  readonly occurrenceOrdinal: number;
  readonly phase: string;
  readonly dueAtUtc: string;
  readonly triggerSnapshot: unknown;
  readonly targetSnapshot: unknown;
  readonly misfirePolicy?: unknown;
  readonly overlapPolicy?: string;
  readonly missingTargetPolicy?: string;
  readonly claimedBy?: string;
  readonly leaseExpiresAtUtc?: string;
  readonly deliveryCorrelationId?: string;
  readonly lastReceipt?: Readonly<Record<string, unknown>>;
  readonly failureClass?: string;
  readonly failureDetail?: string;
  readonly attemptCount?: number;
  readonly createdAtUtc?: string;
  readonly claimedAtUtc?: string;
  readonly dispatchedAtUtc?: string;
  readonly completedAtUtc?: string;
  readonly supersededByRevision?: number;
}

/** `schedule/create` request, camelCase (sent in snake_case; `trigger` and `target` wire-shaped). */
export interface CreateScheduleRequest {
  readonly name?: string;
  readonly description?: string;
  readonly trigger: Readonly<Record<string, unknown>>;
  readonly target: Readonly<Record<string, unknown>>;
  readonly misfirePolicy?: unknown;
  readonly overlapPolicy?: 'skip_if_running' | 'allow_concurrent';
  readonly missingTargetPolicy?: 'mark_misfired' | 'skip';
  readonly labels?: Readonly<Record<string, string>>;
  readonly planningHorizonDays?: number;
  readonly planningHorizonOccurrences?: number;
}

/** The changes of `schedule/update`; all optional, `expectedRevision` for CAS. */
export type UpdateSchedulePatch = Partial<CreateScheduleRequest> & { readonly expectedRevision?: number };

/** `updateSchedule` request: `{schedule_id, …patch}` on the wire. */
export interface UpdateScheduleRequest {
  readonly scheduleId: string;
  readonly update: UpdateSchedulePatch;
}

/** `schedule/list` options. */
export interface ScheduleListOptions {
  readonly labels?: Readonly<Record<string, string>>;
  readonly limit?: number;
  readonly offset?: number;
}

/** `schedule/occurrences` options. */
export interface ScheduleOccurrencesOptions {
  readonly includeTerminal?: boolean;
}

/** The result of `listScheduleOccurrences`. */
export interface ScheduleOccurrencesResult {
  readonly occurrences: readonly ScheduleOccurrence[];
}

/** `schedule/call` request; `arguments` defaults to `{}`. */
export interface ScheduleToolCallRequest {
  readonly name: string;
  readonly arguments?: unknown;
}

/** The result of `schedule/tools`. */
export interface ScheduleToolsResult {
  readonly tools: readonly Readonly<Record<string, unknown>>[];
}

/** camelCase keys → snake_case, `undefined` left out (values unchanged). */
export function snakeKeys(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) out[camelToSnake(key)] = entry;
  }
  return out;
}

function unwrapNumbers(wire: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wire)) {
    const inner = isRecord(value) && Object.keys(value).length === 1 ? value['0'] : undefined;
    out[key] = typeof inner === 'number' ? inner : value;
  }
  return out;
}

/** A wire `Schedule` → `Schedule`; needs `schedule_id`. */
export function parseSchedule(raw: unknown): Schedule {
  const wire = isRecord(raw) ? unwrapNumbers(raw) : {};
  if (typeof wire.schedule_id !== 'string') {
    throw new MeerkatError('INVALID_RESPONSE', 'Invalid schedule: no schedule_id', raw);
  }
  return { ...camelKeys(wire), labels: isRecord(wire.labels) ? wire.labels : {} } as unknown as Schedule;
}

/** A wire occurrence → `ScheduleOccurrence`; needs `occurrence_id`. */
export function parseScheduleOccurrence(raw: unknown): ScheduleOccurrence {
  const wire = isRecord(raw) ? unwrapNumbers(raw) : {};
  if (typeof wire.occurrence_id !== 'string') {
    throw new MeerkatError('INVALID_RESPONSE', 'Invalid schedule occurrence: no occurrence_id', raw);
  }
  return camelKeys(wire) as unknown as ScheduleOccurrence;
}
