import { renderSkillBlock } from '@rkat/core';
import type { BuiltinTool } from '../builtin/builtin-tool.js';
import { nullable, optionalString, requiredString } from '../builtin/tool-args.js';
import { jsonOutcome } from '../builtin/tool-outcome.js';
import type { SkillCatalog } from './skill-catalog.js';
import { parseSkillId, skillId } from './skill-id.js';
import { listSkillResources, readSkillResource } from './skill-resources.js';
import type { SkillDocument } from './skill-types.js';

/** What the skill tools read: the current catalog, which skills this session may use, and the cap. */
export interface SkillToolsHost {
  catalog(): Promise<SkillCatalog>;
  /** The first required capability this session lacks, if any. */
  missingCapability(skill: SkillDocument): string | undefined;
  maxInjectionBytes: number;
}

export class SkillNotFoundError extends Error {
  override readonly name = 'SkillNotFoundError';
}

const ID_PARAM = {
  type: 'string',
  description: 'The skill id `<source_uuid>/<skill_name>` as listed, or a bare skill name.',
};

/** Finds a usable skill by id (validated before any lookup or file access). */
async function findUsable(host: SkillToolsHost, id: string): Promise<SkillDocument> {
  const parsed = parseSkillId(id);
  const catalog = await host.catalog();
  const skill =
    parsed.source_uuid === undefined
      ? catalog.byName(parsed.skill_name)
      : catalog.get({ source_uuid: parsed.source_uuid, skill_name: parsed.skill_name });
  if (!skill) throw new SkillNotFoundError(`skill not found: ${id}`);
  const missing = host.missingCapability(skill);
  if (missing !== undefined) {
    throw new SkillNotFoundError(
      `skill ${skillId(skill.key)} requires the unavailable capability '${missing}'`,
    );
  }
  return skill;
}

function browseSkills(host: SkillToolsHost): BuiltinTool {
  return {
    def: {
      name: 'browse_skills',
      description:
        'List the skills available to this session, optionally filtered by a search query over names and descriptions.',
      input_schema: {
        type: 'object',
        properties: {
          query: nullable({ type: 'string', description: 'Words to match (case-insensitive).' }),
        },
        required: [],
      },
    },
    execute: async (args) => {
      const words = (optionalString(args, 'query') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const catalog = await host.catalog();
      const skills = catalog
        .activeSkills()
        .filter((skill) => host.missingCapability(skill) === undefined)
        .filter((skill) => {
          const haystack = `${skill.key.skill_name} ${skill.description}`.toLowerCase();
          return words.every((word) => haystack.includes(word));
        })
        .map((skill) => ({
          id: skillId(skill.key),
          name: skill.key.skill_name,
          description: skill.description,
          scope: skill.scope,
          source: skill.source.display_name,
        }));
      return jsonOutcome({ skills });
    },
  };
}

function loadSkill(host: SkillToolsHost): BuiltinTool {
  return {
    def: {
      name: 'load_skill',
      description: "Load a skill's full instructions into the conversation.",
      input_schema: { type: 'object', properties: { id: ID_PARAM }, required: ['id'] },
    },
    execute: async (args) => {
      const skill = await findUsable(host, requiredString(args, 'id'));
      return {
        content: renderSkillBlock(skillId(skill.key), skill.body, host.maxInjectionBytes),
        isError: false,
      };
    },
  };
}

function listResources(host: SkillToolsHost): BuiltinTool {
  return {
    def: {
      name: 'skill_list_resources',
      description: 'List the resource files (references, templates, scripts) that come with a skill.',
      input_schema: { type: 'object', properties: { id: ID_PARAM }, required: ['id'] },
    },
    execute: async (args) => {
      const skill = await findUsable(host, requiredString(args, 'id'));
      return jsonOutcome({ id: skillId(skill.key), resources: await listSkillResources(skill) });
    },
  };
}

function readResource(host: SkillToolsHost): BuiltinTool {
  return {
    def: {
      name: 'skill_read_resource',
      description: 'Read one resource file of a skill, by its path relative to the skill directory.',
      input_schema: {
        type: 'object',
        properties: {
          id: ID_PARAM,
          path: { type: 'string', description: 'A path as listed by skill_list_resources.' },
        },
        required: ['id', 'path'],
      },
    },
    execute: async (args) => {
      const skill = await findUsable(host, requiredString(args, 'id'));
      const content = await readSkillResource(skill, requiredString(args, 'path'));
      return { content, isError: false };
    },
  };
}

/** The skill tools of 02 §6.3: `browse_skills`, `load_skill`, `skill_list_resources`, `skill_read_resource`. */
export function createSkillTools(host: SkillToolsHost): BuiltinTool[] {
  return [browseSkills(host), loadSkill(host), listResources(host), readResource(host)];
}
