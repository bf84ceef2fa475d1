import type { HookPoint, HookReasonCode } from '@rkat/contracts';
import { AgentError } from '../agent/agent-error.js';
import type { HookDenial } from './hook-gate.js';

/** The original's Rust `Debug` spelling of a snake_case name (`pre_tool_execution` → `PreToolExecution`). */
function pascal(name: HookPoint | HookReasonCode): string {
  return name
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The run failure of a foreground deny (01 §3 `-32012`): class `hook`, terminal cause `hook_denied`, the
 * original's message `Hook denied at <Point>: <ReasonCode> - <message>`.
 */
export function hookDeniedError(denial: HookDenial): AgentError {
  const message = `Hook denied at ${pascal(denial.point)}: ${pascal(denial.reasonCode)} - ${denial.message}`;
  return new AgentError('hook', message, {
    terminalCauseKind: 'hook_denied',
    reason: {
      reason_type: 'hook_denied',
      hook_id: denial.hookId,
      point: denial.point,
      reason_code: denial.reasonCode,
    },
  });
}

/** The hook entries of a run are invalid (a bad `hooks_override` entry): the run fails before any hook. */
export function hookConfigInvalidError(reason: string): AgentError {
  return new AgentError('hook', `Hook configuration invalid: ${reason}`, {
    terminalCauseKind: 'hook_failure',
    reason: { reason_type: 'hook_config_invalid', reason },
  });
}
