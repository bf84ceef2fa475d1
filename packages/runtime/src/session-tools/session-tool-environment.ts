import type { AgentEvent } from '@rkat/contracts';
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
import type { SessionSettings } from '../session/session-settings.js';
import { CompositeToolSource } from './composite-tool-source.js';
import type { ToolEnvironmentConfig } from './tool-environment-config.js';

export interface SessionToolEnvironmentOptions {
  sessionId: string;
  /** The workspace file tools and shell commands are confined to. */
  projectRoot: string;
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

  constructor(private readonly options: SessionToolEnvironmentOptions) {
    this.mcp = new McpToolSource({ callTimeoutMs: 10 * 60 * 1000 });
    for (const server of options.configuredServers) this.mcp.stageAdd(server);
  }

  /**
   * The session's tools for the run that starts now. Applies staged MCP changes first (connecting and
   * listing tools) and emits one `tool_config_changed` per change.
   */
  async prepare(settings: SessionSettings, emit: (event: AgentEvent) => void): Promise<ToolSource> {
    this.local ??= this.buildLocal(settings);
    const changes: McpLifecycleChange[] = this.mcp.takeFinishedDrains();
    if (this.mcp.hasStagedChanges()) changes.push(...(await this.mcp.applyStaged()).changes);
    for (const change of changes) {
      emit({ type: 'tool_config_changed', payload: toToolConfigChangedPayload(change) });
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
    return new BuiltinToolSource(tools);
  }
}
