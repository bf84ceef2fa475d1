import type { ToolSource } from '@rkat/core';
import {
  BuiltinToolSource,
  createBuiltinsFamilyTools,
  createShellTools,
  McpToolSource,
  ShellJobManager,
  toToolConfigChangedPayload,
  type BlobPort,
  type BuiltinTool,
  type McpLifecycleChange,
  type McpServerConfig,
  type TaskStore,
} from '@rkat/tools';
import type { ToolsForSession } from '../session/service-context.js';
import type { SkillService } from '../skills/skill-service.js';
import { skillToolsFor } from '../skills/skill-tools-for.js';
import type { SessionSettings } from '../session/session-settings.js';
import { CompositeToolSource } from './composite-tool-source.js';
import { mcpChangeNotice } from './mcp-change-notices.js';
import type { ToolEnvironmentConfig } from './tool-environment-config.js';

export interface SessionToolEnvironmentOptions {
  sessionId: string;
  /** The workspace file tools and shell commands are confined to. */
  projectRoot: string;
  /** The realm's skills; the skill tools join the built-ins when given. */
  skills?: SkillService;
  taskStore: TaskStore;
  blobs: BlobPort;
  config: ToolEnvironmentConfig;
  /** The configured servers (project, user and config), connected at the session's first boundary. */
  configuredServers: readonly McpServerConfig[];
  /** What shell commands inherit (secrets filtered out by the shell). */
  parentEnv: NodeJS.ProcessEnv;
  now?: () => number;
}

/**
 * The local tools of one loaded session: the built-ins family, the shell (with its jobs) and the MCP
 * servers. MCP changes are staged on `mcp` and applied in `prepare`, the turn boundary; the built-ins and
 * the shell are built at the first `prepare`, from the session's create settings. `dispose` stops every
 * shell job and MCP child.
 */
export class SessionToolEnvironment {
  readonly mcp: McpToolSource;
  private local: ToolSource | undefined;
  private shell: ShellJobManager | undefined;
  private disposed = false;
  /** Runs prepared so far; `applied_at_turn` of this boundary's changes is the next value. */
  private turns = 0;

  constructor(private readonly options: SessionToolEnvironmentOptions) {
    this.mcp = new McpToolSource({ callTimeoutMs: 10 * 60 * 1000 });
    for (const server of options.configuredServers) this.mcp.stageAdd(server);
  }

  /**
   * The session's tools for the run that starts now. Applies staged MCP changes first (connecting and
   * listing tools) and reports each change, and each drain that ended since the previous boundary, with a
   * `tool_config_changed` event and the prompt system notice the model sees at this boundary (01 §13).
   * `applied_at_turn` counts the runs this environment prepared, this one included: the session's turns
   * since it was loaded in this process, like the original's per-session `turn_counter` (1 = first run).
   */
  async prepare(session: ToolsForSession): Promise<ToolSource> {
    this.local ??= this.buildLocal(session.settings);
    this.turns += 1;
    const turn = this.turns;
    const changes: McpLifecycleChange[] = this.mcp.takeFinishedDrains();
    if (this.mcp.hasStagedChanges()) changes.push(...(await this.mcp.applyStaged()).changes);
    for (const change of changes) {
      session.emit({ type: 'tool_config_changed', payload: toToolConfigChangedPayload(change, turn) });
      const notice = mcpChangeNotice(change);
      if (notice) session.notice?.(notice.kind, notice.body);
    }
    return new CompositeToolSource([this.local, this.mcp]);
  }

  /** Stops the shell's commands and jobs and closes every MCP connection; waits until the children are gone. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.allSettled([this.shell?.dispose(), this.mcp.close()]);
  }

  private buildLocal(settings: SessionSettings): ToolSource {
    const { options } = this;
    const tools: BuiltinTool[] = [];
    if (settings.enable_builtins !== false) {
      tools.push(
        ...createBuiltinsFamilyTools({
          projectRoot: options.projectRoot,
          taskStore: options.taskStore,
          blobs: options.blobs,
          sessionId: options.sessionId,
          ...(options.now ? { now: options.now } : {}),
        }),
      );
    }
    if (settings.enable_shell !== false && !this.disposed) {
      this.shell = new ShellJobManager({
        projectRoot: options.projectRoot,
        settings: options.config.shell,
        ...(settings.shell_env ? { sessionEnv: settings.shell_env } : {}),
        parentEnv: options.parentEnv,
        ...(options.now ? { now: options.now } : {}),
      });
      tools.push(...createShellTools(this.shell));
    }
    if (options.skills) tools.push(...skillToolsFor(options.skills, settings));
    return new BuiltinToolSource(tools);
  }
}
