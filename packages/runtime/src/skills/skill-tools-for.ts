import { createSkillTools, type BuiltinTool } from '@rkat/tools';
import type { SessionSettings } from '../session/session-settings.js';
import { missingCapability, sessionCapabilities } from './skill-capabilities.js';
import type { SkillService } from './skill-service.js';

/**
 * The skill tools of a session (02 §6.3): present when the built-ins are on and skills are enabled. They
 * rescan the sources on each call and hide skills whose capabilities the session lacks.
 */
export function skillToolsFor(service: SkillService, settings: SessionSettings): BuiltinTool[] {
  if (settings.enable_builtins === false || !service.settings().enabled) return [];
  const available = sessionCapabilities(settings);
  return createSkillTools({
    catalog: async () => (await service.snapshot()).catalog,
    missingCapability: (skill) => missingCapability(skill, available),
    get maxInjectionBytes() {
      return service.settings().maxInjectionBytes;
    },
  });
}
