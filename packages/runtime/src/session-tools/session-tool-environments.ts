import type { ToolSource } from '@rkat/core';
import {
  FileTaskStore,
  McpConfigError,
  McpStagingError,
  type BlobPort,
  type McpServerConfig,
  type McpStagedChange,
} from '@rkat/tools';
import type { RealmConfig } from '../config/realm-config.js';
import { RuntimeError } from '../errors/runtime-error.js';
import type { ToolsForSession } from '../session/service-context.js';
import { ConcurrencyLimitedTools } from './concurrency-limited-tools.js';
import { loadConfiguredMcpServers } from './mcp-server-files.js';
import { persistMcpChange, type McpLiveRequest } from './mcp-persistence.js';
import type { SkillService } from '../skills/skill-service.js';
import { SessionToolEnvironment } from './session-tool-environment.js';
import { toolEnvironmentConfigOf } from './tool-environment-config.js';

export interface SessionToolEnvironmentsOptions {
  /** The project root (context root, else the working directory): workspace of the file tools and shell. */
  projectRoot: string;
  /** Where `~/.rkat/mcp.toml` lives (`--user-config-root`, else the home directory). */
  userRoot: string;
  /** The realm directory; the task store lives here unless `store.tasks_path` says otherwise. */
  realmDirectory: string;
  blobs: BlobPort;
  currentConfig: () => RealmConfig;
  /** The environment of shell commands (filtered) and of `${VAR}` in mcp.toml. */
  env: Readonly<Record<string, string | undefined>>;
  now?: () => number;
  /** The realm's skills, for the skill tools. */
  skills?: SkillService;
}

/**
 * The local tool environments (built-ins, shell, MCP) of the sessions this runtime has loaded, one per
 * session, kept until the session is archived (`dispose`) or the runtime closes (`close`), so no shell
 * job or MCP child outlives them.
 */
export class SessionToolEnvironments {
  private readonly sessions = new Map<string, Promise<SessionToolEnvironment>>();
  private readonly taskStores = new Map<string, FileTaskStore>();
  private closed = false;

  constructor(private readonly options: SessionToolEnvironmentsOptions) {}

  /**
   * The session's local tools for the run that starts now, with staged MCP changes applied (each announced
   * through `session.emit` and `session.notice`, see `SessionToolEnvironment.prepare`). Throws `RuntimeError` `INVALID_CONFIG` for a broken mcp.toml or server entry.
   */
  async localTools(session: ToolsForSession): Promise<ToolSource> {
    const environment = await this.environmentOf(session.sessionId);
    return environment.prepare(session);
  }

  /** The runtime's default `toolsFor`: the local tools under the `tools.max_concurrent` cap. */
  async toolsFor(session: ToolsForSession): Promise<ToolSource> {
    return this.capped(await this.localTools(session));
  }

  /** `tools` with at most `tools.max_concurrent` calls running at once (as the config says now). */
  capped(tools: ToolSource): ToolSource {
    const cap = toolEnvironmentConfigOf(
      this.options.currentConfig(),
      this.options.realmDirectory,
    ).maxConcurrent;
    return cap === undefined ? tools : new ConcurrencyLimitedTools(tools, cap);
  }

  /**
   * Stages `mcp/add|remove|reload` (01 §13) for the session's next turn boundary. With `persisted` the
   * project `.rkat/mcp.toml` is written first and restored if staging is refused. Throws `RuntimeError`
   * `INVALID_PARAMS` with the spec's messages (empty name, not registered, already registered).
   */
  async stageMcp(sessionId: string, request: McpLiveRequest): Promise<McpStagedChange> {
    const environment = await this.environmentOf(sessionId);
    const rollback = request.persisted
      ? await persistMcpChange(this.options.projectRoot, request)
      : undefined;
    try {
      if (request.operation === 'add') return environment.mcp.stageAdd(request.config);
      if (request.operation === 'remove') return environment.mcp.stageRemove(request.serverName);
      return environment.mcp.stageReload(request.serverName);
    } catch (error) {
      await rollback?.();
      if (error instanceof McpStagingError) {
        throw new RuntimeError('INVALID_PARAMS', error.message, { cause: error });
      }
      throw error;
    }
  }

  /** Ends a session's environment (archive): stops its shell jobs and MCP children. */
  async dispose(sessionId: string): Promise<void> {
    const environment = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    await (await environment?.catch(() => undefined))?.dispose();
  }

  /** Ends every environment; later calls fail. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.sessions.keys()];
    await Promise.allSettled(all.map((sessionId) => this.dispose(sessionId)));
  }

  private environmentOf(sessionId: string): Promise<SessionToolEnvironment> {
    if (this.closed) throw new RuntimeError('INTERNAL_ERROR', 'the runtime is closed');
    let environment = this.sessions.get(sessionId);
    if (environment === undefined) {
      environment = this.create(sessionId);
      this.sessions.set(sessionId, environment);
      // A failed build (a broken mcp.toml) is retried at the next turn, after the file is fixed.
      environment.catch(() => {
        if (this.sessions.get(sessionId) === environment) this.sessions.delete(sessionId);
      });
    }
    return environment;
  }

  private async create(sessionId: string): Promise<SessionToolEnvironment> {
    const { options } = this;
    const config = toolEnvironmentConfigOf(options.currentConfig(), options.realmDirectory);
    let configuredServers: McpServerConfig[];
    try {
      configuredServers = await loadConfiguredMcpServers({
        projectRoot: options.projectRoot,
        userRoot: options.userRoot,
        configServers: config.mcpServers,
        env: options.env,
      });
    } catch (error) {
      if (error instanceof McpConfigError) {
        throw new RuntimeError('INVALID_CONFIG', `Invalid MCP configuration: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
    const environment = new SessionToolEnvironment({
      sessionId,
      projectRoot: options.projectRoot,
      ...(options.skills ? { skills: options.skills } : {}),
      taskStore: this.taskStoreAt(config.tasksPath ?? options.realmDirectory),
      blobs: options.blobs,
      config,
      configuredServers,
      parentEnv: { ...options.env },
      ...(options.now ? { now: options.now } : {}),
    });
    if (this.closed) {
      await environment.dispose();
      throw new RuntimeError('INTERNAL_ERROR', 'the runtime is closed');
    }
    return environment;
  }

  /** One store per directory, so the sessions of this runtime serialize their writes through it. */
  private taskStoreAt(directory: string): FileTaskStore {
    let store = this.taskStores.get(directory);
    if (store === undefined) {
      store = new FileTaskStore({ directory });
      this.taskStores.set(directory, store);
    }
    return store;
  }
}
