import type { SkillDocument } from '@rkat/tools';
import type { SessionSettings } from '../session/session-settings.js';

/** Capabilities every session of this build has (01 §4.3 `capabilities/get`, status Available). */
const ALWAYS = new Set(['skills', 'session_store', 'mcp_live']);

/** The capabilities a session has, given its create settings (the tool families it enabled). */
export function sessionCapabilities(
  settings: Pick<SessionSettings, 'enable_builtins' | 'enable_shell'> | undefined,
): Set<string> {
  const available = new Set(ALWAYS);
  if (settings?.enable_builtins !== false) available.add('builtins');
  if (settings?.enable_shell !== false) available.add('shell');
  return available;
}

/** The first capability a skill requires that is not in `available`. */
export function missingCapability(skill: SkillDocument, available: ReadonlySet<string>): string | undefined {
  return skill.requiresCapabilities.find((capability) => !available.has(capability));
}
