import { isDeepStrictEqual } from 'node:util';
import { compileJsonSchema, formatIssues, type JsonSchemaValidator, type ToolDef } from '@rkat/contracts';
import type { ToolCall, ToolExecutionContext, ToolOutcome, ToolSource } from '@rkat/core';
import { CallTracker } from './call-tracker.js';
import { McpConnection } from './connection.js';
import { McpServerError, McpStagingError } from './errors.js';
import type { McpLifecycleChange, McpStagedChange } from './lifecycle-change.js';
import {
  connectTimeoutMs,
  mcpTransportKind,
  type McpServerConfig,
  type McpTransportKind,
} from './server-config.js';
import { planServerSteps, projectServerNames, type McpServerStep, type StagedMcpOp } from './staging-plan.js';
import { buildMcpToolCatalog, type McpToolCatalog, type McpToolCollision } from './tool-catalog.js';

const DEFAULT_CALL_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_DRAIN_TIMEOUT_MS = 30 * 1000;

export interface McpToolSourceOptions {
  /**
   * Backstop for one `tools/call`, in ms (default 10 min, the `tools.default_timeout` default). The
   * loop's own per-tool timeout aborts the call's signal and usually fires first.
   */
  callTimeoutMs?: number;
  /** How long a removed or reloaded-away connection may finish in-flight calls before it is closed. */
  drainTimeoutMs?: number;
  /** Told when a connected server fails on its own (crash, exit, transport error), e.g. for a notice. */
  onServerFailed?: (server: string, error: McpServerError) => void;
}

export type McpServerState = 'connected' | 'failed';

export interface McpServerStatus {
  name: string;
  transport: McpTransportKind;
  state: McpServerState;
  /** The tools the server listed (a colliding name is listed here but not offered). */
  tool_names: string[];
  /** Why the server is failed; secrets masked. */
  error?: string;
}

/** What one turn boundary did. */
export interface McpApplyResult {
  /** One entry per server and staged change, plus drains that finished since the last boundary. */
  changes: McpLifecycleChange[];
  /** Names no server offers because two servers (or one, inconsistently) list them. */
  collisions: readonly McpToolCollision[];
  /** Whether `list()` differs from before the boundary. */
  tools_changed: boolean;
}

interface LiveConnection {
  connection: McpConnection;
  calls: CallTracker;
}

interface ServerEntry {
  config: McpServerConfig;
  /** Staging order of the add; keeps `list()` and `statuses()` stable while adds connect concurrently. */
  order: number;
  live: LiveConnection | undefined;
  tools: ToolDef[];
  error: McpServerError | undefined;
}

type OpenResult = { ok: true; live: LiveConnection; tools: ToolDef[] } | { ok: false; error: McpServerError };

function errorOutcome(message: string): ToolOutcome {
  return { content: message, isError: true };
}

/**
 * A `ToolSource` over several MCP servers. Tools are offered under their MCP names (ambiguous names are
 * denied, see `buildMcpToolCatalog`). A server that fails to start, crashes or hangs yields an error
 * outcome naming it and leaves the other servers' tools working; a crashed server stays registered as
 * `failed` until a reload reconnects it.
 *
 * Live changes (`mcp/add|remove|reload`) are staged and take effect only in `applyStaged()`, which the
 * runtime calls at the next turn boundary; there the connect and tool listing happen.
 *
 * There is no `timeoutMs()`: MCP tools get the loop's timeout (`tools.default_timeout`/`tool_timeouts`),
 * and `callTimeoutMs` is only a backstop.
 */
export class McpToolSource implements ToolSource {
  private readonly servers = new Map<string, ServerEntry>();
  private staged: StagedMcpOp[] = [];
  private projected = new Set<string>();
  private catalog: McpToolCatalog = buildMcpToolCatalog([]);
  private validators = new Map<string, JsonSchemaValidator | undefined>();
  private readonly finishedDrains: McpLifecycleChange[] = [];
  private readonly retiring = new Set<Promise<void>>();
  /** Boundaries run one at a time, so a server's changes never interleave. */
  private applying: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Aborted by `close()`, so connects still in progress give up and reap their child. */
  private readonly lifetime = new AbortController();
  private addCount = 0;
  private readonly callTimeoutMs: number;
  private readonly drainTimeoutMs: number;

  constructor(private readonly options: McpToolSourceOptions = {}) {
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.drainTimeoutMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  }

  /** Builds a source with the configured servers connected (what an agent build does). */
  static async connect(
    configs: readonly McpServerConfig[],
    options: McpToolSourceOptions = {},
  ): Promise<{ source: McpToolSource; result: McpApplyResult }> {
    const source = new McpToolSource(options);
    for (const config of configs) source.stageAdd(config);
    return { source, result: await source.applyStaged() };
  }

  list(): readonly ToolDef[] {
    return this.catalog.tools;
  }

  /** The server that serves a tool now, if any. */
  serverOf(toolName: string): string | undefined {
    return this.catalog.owners.get(toolName);
  }

  async execute(call: ToolCall, context: ToolExecutionContext): Promise<ToolOutcome> {
    const serverName = this.catalog.owners.get(call.name);
    const entry = serverName === undefined ? undefined : this.servers.get(serverName);
    if (serverName === undefined || entry === undefined) return errorOutcome(`unknown tool '${call.name}'`);
    const validator = this.validators.get(call.name);
    const checked = validator?.validate(call.args);
    if (checked && !checked.ok) {
      return errorOutcome(`invalid arguments for tool '${call.name}': ${formatIssues(checked.issues)}`);
    }
    const live = entry.live;
    if (this.closed || live === undefined || !live.connection.isUsable) {
      const reason = entry.error?.message ?? `MCP server '${serverName}' is not connected`;
      return errorOutcome(`${reason}; reload the server to reconnect it`);
    }
    live.calls.begin();
    try {
      return await live.connection.callTool(call.name, call.args, {
        timeoutMs: this.callTimeoutMs,
        signal: context.signal,
      });
    } catch (error) {
      if (error instanceof McpServerError) return errorOutcome(error.message);
      return errorOutcome(`MCP server '${serverName}' failed tools/call '${call.name}'`);
    } finally {
      live.calls.end();
    }
  }

  /** Every registered server with its state, in registration order. */
  statuses(): McpServerStatus[] {
    return this.orderedEntries().map((entry) => {
      const failed = entry.live === undefined || !entry.live.connection.isUsable;
      const error = failed ? (entry.error?.message ?? 'not connected') : undefined;
      return {
        name: entry.config.name,
        transport: mcpTransportKind(entry.config),
        state: failed ? 'failed' : 'connected',
        tool_names: entry.tools.map((tool) => tool.name),
        ...(error === undefined ? {} : { error }),
      };
    });
  }

  /** Names registered once the staged changes apply; `mcp/remove` and `mcp/reload` accept these. */
  registeredServerNames(): string[] {
    return [...this.projected];
  }

  hasStagedChanges(): boolean {
    return this.staged.length > 0;
  }

  /** Stages an add. Throws `McpStagingError` for an empty or already registered name. */
  stageAdd(config: McpServerConfig): McpStagedChange {
    const name = this.checkName(config.name);
    if (this.projected.has(name)) {
      throw new McpStagingError(
        'already_registered',
        `MCP server '${name}' is already registered on this session`,
      );
    }
    this.addCount += 1;
    return this.stage(
      { kind: 'add', config, order: this.addCount },
      { operation: 'add', server_name: name, status: 'staged' },
    );
  }

  /** Stages a remove; in-flight calls on the server drain first. Throws for an unknown name. */
  stageRemove(serverName: string): McpStagedChange {
    const name = this.checkRegistered(serverName);
    return this.stage({ kind: 'remove', name }, { operation: 'remove', server_name: name, status: 'staged' });
  }

  /** Stages a reconnect of one server, or of every server when no name is given. */
  stageReload(serverName?: string): McpStagedChange {
    if (serverName === undefined) {
      return this.stage({ kind: 'reload' }, { operation: 'reload', status: 'staged' });
    }
    const name = this.checkRegistered(serverName);
    return this.stage({ kind: 'reload', name }, { operation: 'reload', server_name: name, status: 'staged' });
  }

  /** Applies every staged change (the turn boundary): connects, lists tools, closes, and republishes. */
  applyStaged(): Promise<McpApplyResult> {
    const run = this.applying.then(() => this.applyNow());
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async applyNow(): Promise<McpApplyResult> {
    const ops = this.staged;
    this.staged = [];
    const plan = planServerSteps(this.servers.keys(), ops);
    const perServer = await Promise.all([...plan].map(([name, steps]) => this.applySteps(name, steps)));
    const changes = [...this.finishedDrains.splice(0), ...perServer.flat()];
    this.projected = projectServerNames(this.servers.keys(), this.staged);
    const before = this.catalog.tools;
    this.publishCatalog();
    return {
      changes,
      collisions: this.catalog.collisions,
      tools_changed: !isDeepStrictEqual(before, this.catalog.tools),
    };
  }

  /** Resolves once every draining connection has been closed (and its child reaped). */
  async drained(): Promise<void> {
    while (this.retiring.size > 0) await Promise.all(this.retiring);
  }

  /** Drains that finished after their boundary; also folded into the next `applyStaged()` result. */
  takeFinishedDrains(): McpLifecycleChange[] {
    return this.finishedDrains.splice(0);
  }

  /** Closes every connection and waits until every stdio child is gone. The source is unusable after. */
  async close(): Promise<void> {
    this.closed = true;
    this.staged = [];
    this.projected.clear();
    this.lifetime.abort();
    await this.applying;
    const closing = [...this.servers.values()].flatMap((entry) =>
      entry.live ? [entry.live.connection.close()] : [],
    );
    await Promise.all([...closing, ...this.retiring]);
  }

  private stage(op: StagedMcpOp, change: McpStagedChange): McpStagedChange {
    if (this.closed) throw new McpStagingError('closed', 'MCP tool source is closed');
    this.staged.push(op);
    this.projected = projectServerNames(this.projected, [op]);
    return change;
  }

  private checkName(name: string): string {
    if (name.trim() === '') throw new McpStagingError('empty_server_name', 'server_name cannot be empty');
    return name;
  }

  private checkRegistered(serverName: string): string {
    const name = this.checkName(serverName);
    if (!this.projected.has(name)) {
      throw new McpStagingError('not_registered', `MCP server '${name}' is not registered on this session`);
    }
    return name;
  }

  private async applySteps(name: string, steps: readonly McpServerStep[]): Promise<McpLifecycleChange[]> {
    const changes: McpLifecycleChange[] = [];
    for (const step of steps) {
      if (step.kind === 'add') changes.push(await this.applyAdd(step.config, step.order));
      else if (step.kind === 'remove') changes.push(await this.applyRemove(name));
      else changes.push(await this.applyReload(name));
    }
    return changes;
  }

  private async applyAdd(config: McpServerConfig, order: number): Promise<McpLifecycleChange> {
    const opened = await this.open(config);
    if (!opened.ok) {
      this.servers.set(config.name, { config, order, live: undefined, tools: [], error: opened.error });
      return { operation: 'add', target: config.name, phase: 'failed', detail: opened.error.message };
    }
    const entry: ServerEntry = { config, order, live: undefined, tools: [], error: undefined };
    this.servers.set(config.name, entry);
    this.install(entry, opened.live, opened.tools);
    return { operation: 'add', target: config.name, phase: 'applied', tool_count: opened.tools.length };
  }

  private async applyRemove(name: string): Promise<McpLifecycleChange> {
    const entry = this.servers.get(name);
    this.servers.delete(name);
    if (entry?.live === undefined || entry.live.calls.inFlight === 0) {
      await entry?.live?.connection.close();
      return { operation: 'remove', target: name, phase: 'applied' };
    }
    this.track(
      this.retire(entry.live).then((phase) => {
        this.finishedDrains.push({ operation: 'remove', target: name, phase, drained: true });
      }),
    );
    return { operation: 'remove', target: name, phase: 'draining' };
  }

  private async applyReload(name: string): Promise<McpLifecycleChange> {
    const entry = this.servers.get(name);
    if (!entry) return { operation: 'reload', target: name, phase: 'failed', detail: 'not registered' };
    const opened = await this.open(entry.config);
    if (!opened.ok) {
      // A healthy old connection keeps serving; a failed one stays failed with the newer reason.
      if (entry.live === undefined || !entry.live.connection.isUsable) entry.error = opened.error;
      return { operation: 'reload', target: name, phase: 'failed', detail: opened.error.message };
    }
    const previous = entry.live;
    this.install(entry, opened.live, opened.tools);
    if (previous?.calls.inFlight === 0) await previous.connection.close();
    else if (previous) this.track(this.retire(previous).then(() => undefined));
    return { operation: 'reload', target: name, phase: 'applied', tool_count: opened.tools.length };
  }

  private install(entry: ServerEntry, live: LiveConnection, tools: ToolDef[]): void {
    entry.live = live;
    entry.tools = tools;
    entry.error = undefined;
    live.connection.onFailure((error) => {
      if (entry.live !== live) return;
      entry.error = error;
      this.options.onServerFailed?.(entry.config.name, error);
    });
  }

  /** Connects and lists tools within the server's one connect budget (as the original does). */
  private async open(config: McpServerConfig): Promise<OpenResult> {
    const budgetMs = connectTimeoutMs(config);
    const deadline = Date.now() + budgetMs;
    let connection: McpConnection | undefined;
    try {
      const signal = this.lifetime.signal;
      connection = await McpConnection.connect(config, { timeoutMs: budgetMs, signal });
      const tools = await connection.listTools({ timeoutMs: Math.max(1, deadline - Date.now()), signal });
      if (this.closed) throw new McpServerError(config.name, 'unavailable', 'MCP tool source is closed');
      return { ok: true, live: { connection, calls: new CallTracker() }, tools };
    } catch (error) {
      await connection?.close();
      const failure =
        error instanceof McpServerError
          ? error
          : new McpServerError(
              config.name,
              'connect_failed',
              `MCP server '${config.name}' failed to connect`,
            );
      return { ok: false, error: failure };
    }
  }

  /** Lets in-flight calls finish (up to the drain timeout), then closes; `forced` if calls were cut off. */
  private async retire(live: LiveConnection): Promise<'applied' | 'forced'> {
    const drained = await live.calls.whenIdle(this.drainTimeoutMs);
    await live.connection.close();
    return drained ? 'applied' : 'forced';
  }

  private track(work: Promise<void>): void {
    const settled = work.catch(() => undefined);
    this.retiring.add(settled);
    void settled.then(() => this.retiring.delete(settled));
  }

  private orderedEntries(): ServerEntry[] {
    return [...this.servers.values()].sort((a, b) => a.order - b.order);
  }

  private publishCatalog(): void {
    this.catalog = buildMcpToolCatalog(
      this.orderedEntries().map((entry) => ({ server: entry.config.name, tools: entry.tools })),
    );
    this.validators = new Map(this.catalog.tools.map((tool) => [tool.name, tryCompile(tool.input_schema)]));
  }
}

/** MCP servers validate their own arguments; a schema our validator cannot compile is left to them. */
function tryCompile(schema: unknown): JsonSchemaValidator | undefined {
  try {
    return compileJsonSchema(schema);
  } catch {
    return undefined;
  }
}
