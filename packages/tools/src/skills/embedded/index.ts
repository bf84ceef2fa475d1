import { HOOK_AUTHORING } from './hook-authoring.js';
import { MCP_SERVER_SETUP } from './mcp-server-setup.js';
import { MEMORY_RETRIEVAL } from './memory-retrieval.js';
import { MOB_COMMUNICATION } from './mob-communication.js';
import { MULTI_AGENT_COMMS } from './multi-agent-comms.js';
import { SESSION_MANAGEMENT } from './session-management.js';
import { SHELL_PATTERNS } from './shell-patterns.js';
import { TASK_WORKFLOW } from './task-workflow.js';

/** The embedded skills' SKILL.md text by name, in the original's order (01 §12). */
export const EMBEDDED_SKILL_FILES: Readonly<Record<string, string>> = {
  'task-workflow': TASK_WORKFLOW,
  'shell-patterns': SHELL_PATTERNS,
  'hook-authoring': HOOK_AUTHORING,
  'mcp-server-setup': MCP_SERVER_SETUP,
  'memory-retrieval': MEMORY_RETRIEVAL,
  'session-management': SESSION_MANAGEMENT,
  'multi-agent-comms': MULTI_AGENT_COMMS,
  'mob-communication': MOB_COMMUNICATION,
};
