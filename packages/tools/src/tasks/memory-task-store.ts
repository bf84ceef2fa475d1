import { applyTaskUpdate, buildTask, type NewTask, type Task, type TaskUpdate } from './task.js';
import { TaskNotFoundError, type TaskStore } from './task-store.js';

export interface TaskStoreOptions {
  /** Current time in epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
  /** Id source; defaults to UUID v7. */
  newId?: () => string;
}

/** A task store held in memory (tests, ephemeral realms). */
export class MemoryTaskStore implements TaskStore {
  private tasks: Task[] = [];
  private readonly now: () => number;
  private readonly newId: (() => string) | undefined;

  constructor(options: TaskStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId;
  }

  list(): Promise<Task[]> {
    return Promise.resolve(structuredClone(this.tasks));
  }

  get(id: string): Promise<Task | undefined> {
    const task = this.tasks.find((candidate) => candidate.id === id);
    return Promise.resolve(task === undefined ? undefined : structuredClone(task));
  }

  create(input: NewTask, sessionId: string | undefined): Promise<Task> {
    const task = buildTask(input, { sessionId, now: this.now, ...(this.newId ? { newId: this.newId } : {}) });
    this.tasks.push(task);
    return Promise.resolve(structuredClone(task));
  }

  update(id: string, update: TaskUpdate, sessionId: string | undefined): Promise<Task> {
    const index = this.tasks.findIndex((candidate) => candidate.id === id);
    const current = this.tasks[index];
    if (current === undefined) return Promise.reject(new TaskNotFoundError(id));
    const updated = applyTaskUpdate(current, update, { sessionId, now: this.now });
    this.tasks[index] = updated;
    return Promise.resolve(structuredClone(updated));
  }
}
