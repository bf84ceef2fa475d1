import { uuidv7 } from '../ids/uuidv7.js';

export const TASK_STATUSES = ['pending', 'in_progress', 'completed'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** A task as the task tools return it and the store persists it (the original's field order). */
export interface Task {
  /** UUID v7. */
  id: string;
  subject: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  labels: string[];
  /** Ids of the tasks this task blocks. */
  blocks: string[];
  /** RFC 3339, UTC. */
  created_at: string;
  updated_at: string;
  created_by_session: string | null;
  updated_by_session: string | null;
  /** Omitted when unset. */
  owner?: string;
  /** Omitted when empty. */
  metadata?: Record<string, unknown>;
  /** Ids of the tasks that block this task; omitted when empty. */
  blocked_by?: string[];
}

export interface NewTask {
  subject: string;
  description: string;
  priority?: TaskPriority;
  labels?: string[];
  blocks?: string[];
  owner?: string;
  metadata?: Record<string, unknown>;
  blocked_by?: string[];
}

export interface TaskUpdate {
  subject?: string;
  description?: string;
  status?: TaskStatus;
  priority?: TaskPriority;
  /** Replaces all labels. */
  labels?: string[];
  add_blocks?: string[];
  remove_blocks?: string[];
  owner?: string;
  /** Merged into the task's metadata; a `null` value deletes its key. */
  metadata?: Record<string, unknown>;
  add_blocked_by?: string[];
  remove_blocked_by?: string[];
}

/** Who writes and when: the session id (if any), the clock and the id source. */
export interface TaskWriteContext {
  sessionId: string | undefined;
  now: () => number;
  newId?: () => string;
}

/** An instant as the original writes it (`chrono::Utc::now().to_rfc3339()`): `…T…+00:00`. */
export function rfc3339(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+00:00');
}

function withOptionalFields(
  task: Task,
  owner: string | undefined,
  metadata: Record<string, unknown>,
  blockedBy: string[],
): Task {
  const result: Task = { ...task };
  delete result.owner;
  delete result.metadata;
  delete result.blocked_by;
  if (owner !== undefined) result.owner = owner;
  if (Object.keys(metadata).length > 0) result.metadata = metadata;
  if (blockedBy.length > 0) result.blocked_by = blockedBy;
  return result;
}

/** Builds a new pending task. Pure apart from the context's clock and id source. */
export function buildTask(input: NewTask, context: TaskWriteContext): Task {
  const at = rfc3339(context.now());
  const task: Task = {
    id: (context.newId ?? (() => uuidv7(context.now())))(),
    subject: input.subject,
    description: input.description,
    status: 'pending',
    priority: input.priority ?? 'medium',
    labels: [...(input.labels ?? [])],
    blocks: [...(input.blocks ?? [])],
    created_at: at,
    updated_at: at,
    created_by_session: context.sessionId ?? null,
    updated_by_session: context.sessionId ?? null,
  };
  return withOptionalFields(task, input.owner, { ...(input.metadata ?? {}) }, [...(input.blocked_by ?? [])]);
}

function addAll(list: readonly string[], additions: readonly string[] | undefined): string[] {
  const result = [...list];
  for (const id of additions ?? []) if (!result.includes(id)) result.push(id);
  return result;
}

function removeAll(list: readonly string[], removals: readonly string[] | undefined): string[] {
  return removals === undefined ? [...list] : list.filter((id) => !removals.includes(id));
}

/** Applies `update` to `task` and stamps `updated_at` / `updated_by_session`. Pure apart from the clock. */
export function applyTaskUpdate(task: Task, update: TaskUpdate, context: TaskWriteContext): Task {
  const metadata: Record<string, unknown> = { ...(task.metadata ?? {}) };
  for (const [key, value] of Object.entries(update.metadata ?? {})) {
    if (value === null) delete metadata[key];
    else metadata[key] = value;
  }
  const next: Task = {
    ...task,
    subject: update.subject ?? task.subject,
    description: update.description ?? task.description,
    status: update.status ?? task.status,
    priority: update.priority ?? task.priority,
    labels: update.labels ? [...update.labels] : [...task.labels],
    blocks: removeAll(addAll(task.blocks, update.add_blocks), update.remove_blocks),
    updated_at: rfc3339(context.now()),
    updated_by_session: context.sessionId ?? null,
  };
  const blockedBy = removeAll(addAll(task.blocked_by ?? [], update.add_blocked_by), update.remove_blocked_by);
  return withOptionalFields(next, update.owner ?? task.owner, metadata, blockedBy);
}

export const MAX_TASKS = 10_000;
export const MAX_COMPLETED_TASKS = 5_000;

/**
 * Keeps the store bounded like the original: beyond 5,000 completed tasks the least recently updated
 * completed ones go, then beyond 10,000 tasks the least recently updated ones. Returns the kept tasks in
 * their original order.
 */
export function enforceTaskRetention(tasks: readonly Task[]): Task[] {
  const completed = tasks.filter((task) => task.status === 'completed');
  if (tasks.length <= MAX_TASKS && completed.length <= MAX_COMPLETED_TASKS) return [...tasks];
  const byAge = (left: Task, right: Task): number => left.updated_at.localeCompare(right.updated_at);
  const removed = new Set<Task>(
    [...completed].sort(byAge).slice(0, Math.max(0, completed.length - MAX_COMPLETED_TASKS)),
  );
  const excess = tasks.length - removed.size - MAX_TASKS;
  if (excess > 0) {
    for (const task of [...tasks]
      .sort(byAge)
      .filter((candidate) => !removed.has(candidate))
      .slice(0, excess)) {
      removed.add(task);
    }
  }
  return tasks.filter((task) => !removed.has(task));
}
