import { Type } from '@sinclair/typebox';
import { checkContract, formatIssues, type ToolDef } from '@rkat/contracts';
import {
  createAbortScope,
  systemClock,
  type Clock,
  type ToolCall,
  type ToolExecutionContext,
  type ToolOutcome,
  type ToolSource,
} from '@rkat/core';
import { CALLBACK_TOOL_TIMEOUT_MS, type ToolCallbackPort } from './tool-callback-port.js';
import { toolInputValidator } from './tool-definitions.js';

/** Options of a `CallbackToolSource`. */
export interface CallbackToolSourceOptions {
  /** How long the client has to answer one call; default 30 s (01 §16). A positive integer. */
  timeoutMs?: number;
  /** Per-tool overrides of `timeoutMs` (config `tools.tool_timeouts`); positive integers. */
  timeoutsMs?: Readonly<Record<string, number>>;
  /** Timer source (tests inject a controllable one); default the system clock. */
  clock?: Clock;
}

const CallbackResult = Type.Object({ content: Type.String(), is_error: Type.Boolean() });

type Interruption = 'timed_out' | 'cancelled';

function failure(content: string): ToolOutcome {
  return { content, isError: true };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(error);
}

/**
 * A `ToolSource` whose tools run in the client, reached through a `ToolCallbackPort`. `execute` never
 * rejects: an unknown tool, arguments that violate the tool's schema, a client error, a result that is
 * not `{content: string, is_error: boolean}`, no reply within the timeout and an abort all become error
 * outcomes, and the run goes on. On timeout or abort the port's signal is aborted and a late reply is
 * ignored. Duplicate names: the last definition wins.
 */
export class CallbackToolSource implements ToolSource {
  readonly #port: ToolCallbackPort;
  readonly #tools = new Map<string, ToolDef>();
  readonly #defs: readonly ToolDef[];
  readonly #timeoutMs: number;
  readonly #timeoutsMs: Readonly<Record<string, number>>;
  readonly #clock: Clock;

  /** Throws `RangeError` when `timeoutMs` is not a positive integer. */
  constructor(port: ToolCallbackPort, tools: readonly ToolDef[], options: CallbackToolSourceOptions = {}) {
    const timeoutMs = options.timeoutMs ?? CALLBACK_TOOL_TIMEOUT_MS;
    for (const value of [timeoutMs, ...Object.values(options.timeoutsMs ?? {})]) {
      if (!Number.isSafeInteger(value) || value <= 0) {
        throw new RangeError(`callback tool timeout must be a positive integer, got ${String(value)}`);
      }
    }
    this.#timeoutsMs = options.timeoutsMs ?? {};
    this.#port = port;
    for (const tool of tools) this.#tools.set(tool.name, tool);
    this.#defs = Object.freeze([...this.#tools.values()]);
    this.#timeoutMs = timeoutMs;
    this.#clock = options.clock ?? systemClock;
  }

  list(): readonly ToolDef[] {
    return this.#defs;
  }

  /** The callback timeout of a tool of this source (its override or the default), `undefined` for a name it does not have. */
  timeoutMs(name: string): number | undefined {
    if (!this.#tools.has(name)) return undefined;
    return Object.hasOwn(this.#timeoutsMs, name) ? this.#timeoutsMs[name] : this.#timeoutMs;
  }

  async execute(call: ToolCall, context: ToolExecutionContext): Promise<ToolOutcome> {
    const tool = this.#tools.get(call.name);
    const timeoutMs = this.timeoutMs(call.name);
    if (tool === undefined || timeoutMs === undefined) return failure(`unknown tool: ${call.name}`);
    const problem = this.#argumentProblem(tool, call.args);
    if (problem !== undefined) return failure(`invalid arguments for tool ${call.name}: ${problem}`);
    if (context.signal.aborted) return failure(`tool ${call.name} was cancelled before it was sent`);

    const scope = createAbortScope(context.signal);
    const request = { tool_use_id: call.id, name: call.name, arguments: call.args };
    // Handlers are attached at once, so a reply (or rejection) after a timeout is dropped silently.
    const reply = Promise.resolve()
      .then(() => this.#port.callTool(request, scope.signal))
      .then(
        (result: unknown) => this.#outcomeOf(call.name, result),
        (error: unknown) => failure(`tool ${call.name} failed in the client: ${describe(error)}`),
      );
    const timer = createAbortScope(scope.signal);
    const deadline = this.#clock.sleep(timeoutMs, timer.signal).then(
      (): Interruption => 'timed_out',
      (): Interruption => 'cancelled',
    );
    try {
      const first = await Promise.race([reply, deadline]);
      if (first === 'timed_out') {
        const message = `tool ${call.name} timed out: the client did not reply within ${timeoutMs} ms`;
        scope.abort(new Error(message));
        return failure(message);
      }
      if (first === 'cancelled') return failure(`tool ${call.name} was cancelled`);
      return first;
    } finally {
      timer.abort();
    }
  }

  #argumentProblem(tool: ToolDef, args: unknown): string | undefined {
    try {
      const checked = toolInputValidator(tool).validate(args);
      return checked.ok ? undefined : formatIssues(checked.issues);
    } catch (error) {
      return `the tool's input schema is invalid: ${describe(error)}`;
    }
  }

  #outcomeOf(name: string, result: unknown): ToolOutcome {
    const checked = checkContract<{ content: string; is_error: boolean }>(CallbackResult, result);
    if (!checked.ok) {
      return failure(
        `tool ${name} got an unusable result from the client (expected {content: string, is_error: boolean}): ${formatIssues(checked.issues)}`,
      );
    }
    return { content: checked.value.content, isError: checked.value.is_error };
  }
}
