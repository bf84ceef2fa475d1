import type { BuiltinTool } from '../builtin/builtin-tool.js';
import {
  nullable,
  optionalObject,
  optionalString,
  optionalStringList,
  requiredString,
} from '../builtin/tool-args.js';
import { jsonOutcome } from '../builtin/tool-outcome.js';
import {
  TASK_PRIORITIES,
  TASK_STATUSES,
  type NewTask,
  type TaskPriority,
  type TaskStatus,
  type TaskUpdate,
} from './task.js';
import { TaskNotFoundError, type TaskStore } from './task-store.js';

export interface TaskToolsOptions {
  store: TaskStore;
  /** The session the tools act for, recorded on the tasks it creates and updates. */
  sessionId?: string;
}

const stringList = (description: string): Record<string, unknown> =>
  nullable({ type: 'array', items: { type: 'string' }, description });
const priority = nullable({
  type: 'string',
  enum: [...TASK_PRIORITIES],
  description: 'Priority level: "low", "medium", or "high"',
});
const status = (description: string): Record<string, unknown> =>
  nullable({ type: 'string', enum: [...TASK_STATUSES], description });
const metadata = (description: string): Record<string, unknown> =>
  nullable({ type: 'object', additionalProperties: true, description });

/** `task_create` (02 §6.3) → the created task. */
export function createTaskCreateTool(options: TaskToolsOptions): BuiltinTool {
  return {
    def: {
      name: 'task_create',
      description: 'Create a new task in the project task list',
      input_schema: {
        type: 'object',
        properties: {
          subject: { type: 'string', description: 'Brief title for the task' },
          description: { type: 'string', description: 'Detailed description of what needs to be done' },
          priority: { ...priority, default: 'medium' },
          labels: stringList('Labels/tags for categorization'),
          blocks: stringList('IDs of tasks that this task blocks'),
          blocked_by: stringList('IDs of tasks that block THIS task'),
          owner: nullable({ type: 'string', description: 'Owner/assignee of the task' }),
          metadata: metadata('Arbitrary key-value metadata'),
        },
        required: ['subject', 'description'],
      },
    },
    execute: async (args) => {
      const input: NewTask = {
        subject: requiredString(args, 'subject'),
        description: requiredString(args, 'description'),
      };
      const chosenPriority = optionalString(args, 'priority');
      if (chosenPriority !== undefined) input.priority = chosenPriority as TaskPriority;
      const labels = optionalStringList(args, 'labels');
      if (labels !== undefined) input.labels = labels;
      const blocks = optionalStringList(args, 'blocks');
      if (blocks !== undefined) input.blocks = blocks;
      const blockedBy = optionalStringList(args, 'blocked_by');
      if (blockedBy !== undefined) input.blocked_by = blockedBy;
      const owner = optionalString(args, 'owner');
      if (owner !== undefined) input.owner = owner;
      const extra = optionalObject(args, 'metadata');
      if (extra !== undefined) input.metadata = extra;
      return jsonOutcome(await options.store.create(input, options.sessionId));
    },
  };
}

/** `task_get {id}` → the task, or an error outcome `Task not found: <id>`. */
export function createTaskGetTool(options: TaskToolsOptions): BuiltinTool {
  return {
    def: {
      name: 'task_get',
      description: 'Get a task by its ID',
      input_schema: {
        type: 'object',
        properties: { id: { type: 'string', description: 'The ID of the task to retrieve' } },
        required: ['id'],
      },
    },
    execute: async (args) => {
      const id = requiredString(args, 'id');
      const task = await options.store.get(id);
      if (task === undefined) throw new TaskNotFoundError(id);
      return jsonOutcome(task);
    },
  };
}

/** `task_list {status, labels}` → the matching tasks (labels: any of them). */
export function createTaskListTool(options: TaskToolsOptions): BuiltinTool {
  return {
    def: {
      name: 'task_list',
      description: 'List tasks in the project, optionally filtered by status or labels',
      input_schema: {
        type: 'object',
        properties: {
          status: status('Filter by status: "pending", "in_progress", "completed"'),
          labels: stringList('Filter by labels (any match)'),
        },
        required: [],
      },
    },
    execute: async (args) => {
      const wantedStatus = optionalString(args, 'status');
      const wantedLabels = optionalStringList(args, 'labels');
      const tasks = (await options.store.list()).filter(
        (task) =>
          (wantedStatus === undefined || task.status === wantedStatus) &&
          (wantedLabels === undefined || task.labels.some((label) => wantedLabels.includes(label))),
      );
      return jsonOutcome(tasks);
    },
  };
}

/** `task_update {id, …}` → the updated task. Metadata is merged; a `null` value deletes its key. */
export function createTaskUpdateTool(options: TaskToolsOptions): BuiltinTool {
  return {
    def: {
      name: 'task_update',
      description: 'Update an existing task',
      input_schema: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'The ID of the task to update' },
          subject: nullable({ type: 'string', description: 'New subject/title (optional)' }),
          description: nullable({ type: 'string', description: 'New description (optional)' }),
          status: status('New status: "pending", "in_progress", "completed" (optional)'),
          priority: { ...priority, description: 'New priority: "low", "medium", "high" (optional)' },
          labels: stringList('Replace all labels (optional)'),
          owner: nullable({ type: 'string', description: 'New owner/assignee (optional)' }),
          metadata: metadata('Metadata key-value pairs to merge (null value = delete key)'),
          add_blocks: stringList('Task IDs to add to blocks list (optional)'),
          remove_blocks: stringList('Task IDs to remove from blocks list (optional)'),
          add_blocked_by: stringList('Task IDs to add to blocked_by list (optional)'),
          remove_blocked_by: stringList('Task IDs to remove from blocked_by list (optional)'),
        },
        required: ['id'],
      },
    },
    execute: async (args) => {
      const update: TaskUpdate = {};
      for (const field of ['subject', 'description', 'owner'] as const) {
        const value = optionalString(args, field);
        if (value !== undefined) update[field] = value;
      }
      const newStatus = optionalString(args, 'status');
      if (newStatus !== undefined) update.status = newStatus as TaskStatus;
      const newPriority = optionalString(args, 'priority');
      if (newPriority !== undefined) update.priority = newPriority as TaskPriority;
      for (const field of [
        'labels',
        'add_blocks',
        'remove_blocks',
        'add_blocked_by',
        'remove_blocked_by',
      ] as const) {
        const value = optionalStringList(args, field);
        if (value !== undefined) update[field] = value;
      }
      const merge = optionalObject(args, 'metadata');
      if (merge !== undefined) update.metadata = merge;
      return jsonOutcome(await options.store.update(requiredString(args, 'id'), update, options.sessionId));
    },
  };
}

/** The four task tools over one store, in the order the original lists them. */
export function createTaskTools(options: TaskToolsOptions): BuiltinTool[] {
  return [
    createTaskListTool(options),
    createTaskCreateTool(options),
    createTaskGetTool(options),
    createTaskUpdateTool(options),
  ];
}
