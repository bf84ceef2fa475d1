export { SkillService, type SkillServiceOptions, type SkillSnapshot } from './skill-service.js';
export { resolveTurnSkills, type ResolveTurnSkillsInput, type TurnSkills } from './skill-resolution.js';
export { toSkillListResult, type SkillListEntry, type SkillListResult } from './skill-list.js';
export { skillsSettingsOf, type SkillsSettings } from './skills-config.js';
export { missingCapability, sessionCapabilities } from './skill-capabilities.js';
export { skillToolsFor } from './skill-tools-for.js';
