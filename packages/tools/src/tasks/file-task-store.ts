import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uuidv7 } from '../ids/uuidv7.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import type { TaskStoreOptions } from './memory-task-store.js';
import {
  applyTaskUpdate,
  buildTask,
  enforceTaskRetention,
  rfc3339,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type NewTask,
  type Task,
  type TaskUpdate,
} from './task.js';
import { TaskNotFoundError, TaskStoreCorruptError, type TaskStore } from './task-store.js';

/** The file name of the task store inside its directory. */
export const TASK_STORE_FILE = 'tasks.json';
const STORE_VERSION = 1;

/** The persisted file (the original's `TaskStoreData`). */
interface TaskStoreData {
  meta: { version: number; project_id: string; created_at: string; store_rev: number };
  tasks: Task[];
}

export interface FileTaskStoreOptions extends TaskStoreOptions {
  /** The directory holding `tasks.json` (the runtime passes a realm directory); created on first write. */
  directory: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function checkTask(value: unknown, index: number): Task {
  const problem = (field: string): TaskStoreCorruptError =>
    new TaskStoreCorruptError(`task #${index} has an invalid '${field}'`);
  if (!isRecord(value)) throw new TaskStoreCorruptError(`task #${index} is not an object`);
  for (const field of ['id', 'subject', 'description', 'created_at', 'updated_at']) {
    if (typeof value[field] !== 'string') throw problem(field);
  }
  if (!TASK_STATUSES.includes(value.status as Task['status'])) throw problem('status');
  if (!TASK_PRIORITIES.includes(value.priority as Task['priority'])) throw problem('priority');
  for (const field of ['labels', 'blocks']) if (!isStringList(value[field])) throw problem(field);
  if (value.blocked_by !== undefined && !isStringList(value.blocked_by)) throw problem('blocked_by');
  if (value.metadata !== undefined && !isRecord(value.metadata)) throw problem('metadata');
  if (value.owner !== undefined && typeof value.owner !== 'string') throw problem('owner');
  return value as unknown as Task;
}

function checkStoreData(value: unknown): TaskStoreData {
  if (!isRecord(value) || !isRecord(value.meta) || !Array.isArray(value.tasks)) {
    throw new TaskStoreCorruptError("expected an object with 'meta' and 'tasks'");
  }
  if (value.meta.version !== STORE_VERSION) {
    throw new TaskStoreCorruptError(`unsupported store version ${JSON.stringify(value.meta.version)}`);
  }
  const meta = value.meta;
  if (
    typeof meta.project_id !== 'string' ||
    typeof meta.created_at !== 'string' ||
    typeof meta.store_rev !== 'number'
  ) {
    throw new TaskStoreCorruptError('invalid meta');
  }
  return {
    meta: {
      version: STORE_VERSION,
      project_id: meta.project_id,
      created_at: meta.created_at,
      store_rev: meta.store_rev,
    },
    tasks: value.tasks.map(checkTask),
  };
}

/**
 * A task store persisted as one JSON file, `<directory>/tasks.json`, in the original's format. Every write
 * replaces the whole file atomically (temp file, fsync, rename); operations of one store are serialized.
 * A file that is not valid JSON or not a task store makes every operation fail with
 * `TaskStoreCorruptError` and is never overwritten.
 */
export class FileTaskStore implements TaskStore {
  readonly path: string;
  private readonly now: () => number;
  private readonly newId: (() => string) | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: FileTaskStoreOptions) {
    this.path = join(options.directory, TASK_STORE_FILE);
    this.now = options.now ?? Date.now;
    this.newId = options.newId;
  }

  list(): Promise<Task[]> {
    return this.serialized(async () => (await this.load()).tasks);
  }

  get(id: string): Promise<Task | undefined> {
    return this.serialized(async () => (await this.load()).tasks.find((task) => task.id === id));
  }

  create(input: NewTask, sessionId: string | undefined): Promise<Task> {
    return this.serialized(async () => {
      const data = await this.load();
      const task = buildTask(input, {
        sessionId,
        now: this.now,
        ...(this.newId ? { newId: this.newId } : {}),
      });
      data.tasks = enforceTaskRetention([...data.tasks, task]);
      await this.save(data);
      return task;
    });
  }

  update(id: string, update: TaskUpdate, sessionId: string | undefined): Promise<Task> {
    return this.serialized(async () => {
      const data = await this.load();
      const index = data.tasks.findIndex((task) => task.id === id);
      const current = data.tasks[index];
      if (current === undefined) throw new TaskNotFoundError(id);
      const updated = applyTaskUpdate(current, update, { sessionId, now: this.now });
      data.tasks[index] = updated;
      await this.save(data);
      return updated;
    });
  }

  private serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async load(): Promise<TaskStoreData> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const now = this.now();
      return {
        meta: { version: STORE_VERSION, project_id: uuidv7(now), created_at: rfc3339(now), store_rev: 0 },
        tasks: [],
      };
    }
    try {
      return checkStoreData(JSON.parse(text));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TaskStoreCorruptError(
        `task store ${this.path} is corrupt (${reason}); it was left untouched — repair or move it away to start a new task list`,
        { cause: error },
      );
    }
  }

  private async save(data: TaskStoreData): Promise<void> {
    data.meta.store_rev += 1;
    await mkdir(this.options.directory, { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(data, null, 2)}\n`);
  }
}
