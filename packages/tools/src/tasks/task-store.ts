import type { NewTask, Task, TaskUpdate } from './task.js';

/** Where the task tools keep their tasks (one store per realm). */
export interface TaskStore {
  list(): Promise<Task[]>;
  get(id: string): Promise<Task | undefined>;
  /** `sessionId` is recorded as `created_by_session` / `updated_by_session`. */
  create(input: NewTask, sessionId: string | undefined): Promise<Task>;
  /** Throws `TaskNotFoundError` for an unknown id. */
  update(id: string, update: TaskUpdate, sessionId: string | undefined): Promise<Task>;
}

/** `task_get` / `task_update` of an id that is not stored. */
export class TaskNotFoundError extends Error {
  override readonly name = 'TaskNotFoundError';
  constructor(readonly taskId: string) {
    super(`Task not found: ${taskId}`);
  }
}

/** The persisted task file cannot be read as a task store; it is left untouched. */
export class TaskStoreCorruptError extends Error {
  override readonly name = 'TaskStoreCorruptError';
}
