import type { AgentEvent, SkillKey, SkillRuntimeDiagnostics } from '@rkat/contracts';
import { renderSkillBlock, renderSkillInventory } from '@rkat/core';
import { skillId, type SkillDocument } from '@rkat/tools';
import { RuntimeError } from '../errors/runtime-error.js';
import type { SessionSettings } from '../session/session-settings.js';
import { missingCapability, sessionCapabilities } from './skill-capabilities.js';
import type { SkillService, SkillSnapshot } from './skill-service.js';

/** What the skills add to one turn. */
export interface TurnSkills {
  /** Appended to the system prompt: the inventory, then the `preload_skills` blocks. */
  systemPrompt?: string;
  /** The `skill_refs` blocks, committed as system notices just before the prompt. */
  notices: string[];
  /** Set when a source is not healthy or a skill is quarantined. */
  diagnostics?: SkillRuntimeDiagnostics;
}

export interface ResolveTurnSkillsInput {
  settings: SessionSettings;
  /** The `skill_refs` of this turn (the create's on the first turn). */
  skillRefs: readonly SkillKey[];
  emit(event: AgentEvent): void;
}

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

function resolveOne(
  snapshot: SkillSnapshot,
  key: SkillKey,
  available: ReadonlySet<string>,
  emit: ResolveTurnSkillsInput['emit'],
): SkillDocument {
  const wanted = { source_uuid: key.source_uuid, skill_name: key.skill_name };
  const reference = skillId(wanted);
  const skill = snapshot.catalog.get(wanted);
  if (!skill) {
    const error = `skill not found: ${reference}`;
    emit({
      type: 'skill_resolution_failed',
      skill_key: wanted,
      reason: { reason_type: 'not_found', key: wanted },
      reference,
      error,
    });
    throw new RuntimeError('SKILL_NOT_FOUND', error);
  }
  const capability = missingCapability(skill, available);
  if (capability !== undefined) {
    const error = `skill ${reference} requires the unavailable capability '${capability}'`;
    emit({
      type: 'skill_resolution_failed',
      skill_key: wanted,
      reason: { reason_type: 'capability_unavailable', key: wanted, capability },
      reference,
      error,
    });
    throw new RuntimeError('SKILL_RESOLUTION_FAILED', error);
  }
  return skill;
}

function inventory(snapshot: SkillSnapshot, available: ReadonlySet<string>): string {
  const skills = snapshot.catalog
    .activeSkills()
    .filter((skill) => missingCapability(skill, available) === undefined)
    .map((skill) => ({
      id: skillId(skill.key),
      name: skill.key.skill_name,
      description: skill.description,
      collection: skill.source.display_name,
    }));
  return renderSkillInventory(skills, snapshot.settings.inventoryThreshold);
}

/**
 * Resolves the skills of one turn (01 §6.1, §7.1, §12): the inventory (when the skill tools are on), the
 * session's `preload_skills` for the system prompt and the turn's `skill_refs` as notices, each wrapped and
 * capped at `skills.max_injection_bytes`. Emits `skills_resolved`, or `skill_resolution_failed` then throws
 * `SKILL_NOT_FOUND` / `SKILL_RESOLUTION_FAILED` before anything of the turn is written. With skills disabled a
 * turn that names a skill fails with `skills not enabled`.
 */
export async function resolveTurnSkills(
  service: SkillService,
  input: ResolveTurnSkillsInput,
): Promise<TurnSkills> {
  const { settings, skillRefs, emit } = input;
  const preloads = settings.preload_skills ?? [];
  if (!service.settings().enabled) {
    if (preloads.length + skillRefs.length > 0)
      throw new RuntimeError('INTERNAL_ERROR', 'skills not enabled');
    return { notices: [] };
  }
  const snapshot = await service.snapshot();
  const available = sessionCapabilities(settings);
  const cap = snapshot.settings.maxInjectionBytes;
  const render = (skill: SkillDocument): string => renderSkillBlock(skillId(skill.key), skill.body, cap);
  const preloaded = preloads.map((key) => render(resolveOne(snapshot, key, available, emit)));
  const referenced = skillRefs.map((key) => resolveOne(snapshot, key, available, emit));
  const notices = referenced.map(render);
  const resolved = [...preloads, ...referenced.map((skill) => skill.key)];
  if (resolved.length > 0) {
    const injectionBytes = [...preloaded, ...notices].reduce((sum, block) => sum + byteLength(block), 0);
    emit({
      type: 'skills_resolved',
      skills: resolved.map((key) => ({ source_uuid: key.source_uuid, skill_name: key.skill_name })),
      injection_bytes: injectionBytes,
    });
  }
  const parts = [
    settings.enable_builtins !== false ? inventory(snapshot, available) : '',
    ...preloaded,
  ].filter((part) => part !== '');
  const result: TurnSkills = { notices };
  if (parts.length > 0) result.systemPrompt = parts.join('\n\n');
  const { diagnostics } = snapshot;
  if (diagnostics.source_health.state !== 'healthy' || diagnostics.quarantined.length > 0) {
    result.diagnostics = diagnostics;
  }
  return result;
}
