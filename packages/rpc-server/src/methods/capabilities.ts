import type { ConfigData } from '@rkat/runtime';

/** A capability status (01 §4.2). */
export type CapabilityStatus =
  | 'Available'
  | { DisabledByPolicy: { description: string } }
  | { NotCompiled: { feature: string } }
  | { NotSupportedByProtocol: { reason: string } };

/** One entry of `capabilities/get`. */
export interface Capability {
  id: string;
  description: string;
  status: CapabilityStatus;
}

const AVAILABLE = 'Available';
const notCompiled = (feature: string): CapabilityStatus => ({ NotCompiled: { feature } });

function toolsFlag(config: ConfigData, key: 'builtins_enabled' | 'shell_enabled'): boolean {
  const tools = config.tools;
  return typeof tools === 'object' && tools !== null && (tools as Record<string, unknown>)[key] === true;
}

function skillsEnabled(config: ConfigData): boolean {
  const skills = config.skills;
  return !(
    typeof skills === 'object' &&
    skills !== null &&
    (skills as Record<string, unknown>).enabled === false
  );
}

/**
 * The capabilities of this build and realm, in the order of 01 §4.2, reporting the truth
 * (00-decisions.md §6): what is not built yet is `NotCompiled`. `builtins` follows
 * `tools.builtins_enabled` and `shell` follows `tools.shell_enabled`, as the original does (§21.6: rkat-rpc
 * sessions still get both unless their `enable_builtins`/`enable_shell` says false). `mcp_live` is Available
 * (`mcp/add|remove|reload`).
 */
export function capabilitiesOf(config: ConfigData): Capability[] {
  const policy = (key: 'builtins_enabled' | 'shell_enabled'): CapabilityStatus => ({
    DisabledByPolicy: { description: `tools.${key} = false` },
  });
  return [
    { id: 'sessions', description: 'Agent loop and session lifecycle', status: AVAILABLE },
    { id: 'streaming', description: 'Event streaming during agent execution', status: AVAILABLE },
    { id: 'structured_output', description: 'Schema-validated JSON output extraction', status: AVAILABLE },
    {
      id: 'hooks',
      description: '8 hook points, 3 runtimes (in-process/command/HTTP), observe/allow/deny semantics',
      status: AVAILABLE,
    },
    {
      id: 'builtins',
      description:
        'Built-in tools: task_list, task_create, task_get, task_update, datetime, apply_patch, view_image, ' +
        'generate_image, blob_save_file, blob_load_file, blob_inspect',
      status: toolsFlag(config, 'builtins_enabled') ? AVAILABLE : policy('builtins_enabled'),
    },
    {
      id: 'shell',
      description: 'Shell tool with job management: shell, shell_jobs, shell_job_status, shell_job_cancel',
      status: toolsFlag(config, 'shell_enabled') ? AVAILABLE : policy('shell_enabled'),
    },
    {
      id: 'comms',
      description: 'Inter-agent communication: send, request, response, list peers + keep-alive',
      status: notCompiled('comms'),
    },
    {
      id: 'memory_store',
      description: 'HNSW semantic search + SQLite persistence (indexes compaction discards)',
      status: notCompiled('memory_store'),
    },
    { id: 'session_store', description: 'PersistentSessionService, SessionProjector', status: AVAILABLE },
    {
      id: 'session_compaction',
      description: 'DefaultCompactor: auto-compact at token threshold, LLM summary, history rebuild',
      status: notCompiled('session_compaction'),
    },
    {
      id: 'skills',
      description: 'Skill loading, resolution, and injection',
      status: skillsEnabled(config)
        ? AVAILABLE
        : { DisabledByPolicy: { description: 'skills.enabled = false' } },
    },
    {
      id: 'mcp_live',
      description: 'Live MCP server mutation (add/remove/reload on running sessions)',
      status: AVAILABLE,
    },
  ];
}
