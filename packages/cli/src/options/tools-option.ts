import { InvalidArgumentError, type Command } from 'commander';
import type { CreateSessionOptions } from '@rkat/runtime';

/** The `rkat run -t/--tools` presets (02 §7.1). */
export type ToolsPreset = 'none' | 'safe' | 'workspace' | 'full';

const PRESETS: readonly ToolsPreset[] = ['none', 'safe', 'workspace', 'full'];

/** Built-ins that neither change the workspace nor run programs (task tools write the realm's task store). */
const SAFE_TOOLS = [
  'task_list',
  'task_create',
  'task_get',
  'task_update',
  'datetime',
  'view_image',
  'blob_load_file',
  'blob_inspect',
];
const WORKSPACE_TOOLS = [
  ...SAFE_TOOLS,
  'apply_patch',
  'blob_save_file',
  'shell',
  'shell_jobs',
  'shell_job_status',
  'shell_job_cancel',
];

export const TOOLS_HELP = [
  'tool access:',
  'none = no tools;',
  'safe (default) = read-only built-ins (tasks, datetime, view_image, blob_load_file, blob_inspect);',
  'workspace = every built-in plus the shell, confined to the working directory;',
  'full = workspace plus the MCP servers of ./.rkat/mcp.toml, ~/.rkat/mcp.toml and the realm config',
].join(' ');

function parsePreset(value: string): ToolsPreset {
  if (!(PRESETS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${PRESETS.join(', ')}`);
  }
  return value as ToolsPreset;
}

/** Adds `-t, --tools <preset>` and `--yolo` (= `--tools full`). */
export function addToolsOption(command: Command): Command {
  return command
    .option('-t, --tools <preset>', TOOLS_HELP, parsePreset)
    .option('--yolo', 'same as --tools full');
}

/** The preset the flags choose: `--tools`, else `full` with `--yolo`, else `safe`. */
export function toolsPresetOf(flags: { tools?: ToolsPreset; yolo?: boolean }): ToolsPreset {
  return flags.tools ?? (flags.yolo === true ? 'full' : 'safe');
}

/**
 * The session create options of a preset. A preset narrows with `tool_filter` (01 §6.1), so it also hides
 * MCP tools whose names it does not list; `full` sets nothing and every source applies.
 */
export function toolsPresetOptions(
  preset: ToolsPreset,
): Pick<CreateSessionOptions, 'enableBuiltins' | 'enableShell' | 'toolFilter'> {
  switch (preset) {
    case 'none':
      return { enableBuiltins: false, enableShell: false, toolFilter: { Allow: [] } };
    case 'safe':
      return { enableShell: false, toolFilter: { Allow: SAFE_TOOLS } };
    case 'workspace':
      return { toolFilter: { Allow: WORKSPACE_TOOLS } };
    case 'full':
      return {};
  }
}
