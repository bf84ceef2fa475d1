import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AgentEvent } from '@rkat/contracts';
import { normalizeRealmConfig } from '../../src/config/realm-config.js';
import { RuntimeError } from '../../src/errors/runtime-error.js';
import { resolveTurnSkills } from '../../src/skills/skill-resolution.js';
import { SkillService } from '../../src/skills/skill-service.js';

const EMBEDDED = '00000000-0000-4b11-8111-000000000001';
const settings = { max_tokens: 100, structured_output_retries: 0 };

async function withService(
  config: Record<string, unknown>,
  use: (service: SkillService, root: string) => Promise<void>,
): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'rkat-skill-resolution-'));
  try {
    const realm = normalizeRealmConfig(config);
    const service = new SkillService({ userRoot: root, currentConfig: () => realm, env: { REPO: root } });
    await use(service, root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

void test(
  'preload_skills go to the system prompt, skill_refs to notices, with one skills_resolved',
  { timeout: 90_000 },
  async () => {
    await withService({ skills: { max_injection_bytes: 300 } }, async (service) => {
      const events: AgentEvent[] = [];
      const turn = await resolveTurnSkills(service, {
        settings: { ...settings, preload_skills: [{ source_uuid: EMBEDDED, skill_name: 'task-workflow' }] },
        skillRefs: [{ source_uuid: EMBEDDED, skill_name: 'session-management' }],
        emit: (event) => events.push(event),
      });
      assert.ok(turn.systemPrompt?.startsWith('<available_skills>'));
      assert.ok(turn.systemPrompt?.includes(`<skill id="${EMBEDDED}/task-workflow">`));
      assert.equal(turn.notices.length, 1);
      assert.ok(turn.notices[0]?.endsWith('[skill truncated]\n</skill>'), 'capped at max_injection_bytes');
      assert.ok(Buffer.byteLength(turn.notices[0] ?? '') <= 300);
      assert.deepEqual(
        events.map((event) => event.type),
        ['skills_resolved'],
      );
      assert.equal(turn.diagnostics, undefined);
    });
  },
);

void test(
  'a skill needing an unavailable capability fails with capability_unavailable',
  { timeout: 90_000 },
  async () => {
    await withService({}, async (service) => {
      const events: AgentEvent[] = [];
      await assert.rejects(
        resolveTurnSkills(service, {
          settings: { ...settings, enable_shell: false },
          skillRefs: [{ source_uuid: EMBEDDED, skill_name: 'shell-patterns' }],
          emit: (event) => events.push(event),
        }),
        (error: unknown) => RuntimeError.is(error, 'SKILL_RESOLUTION_FAILED'),
      );
      assert.deepEqual(events[0] && 'reason' in events[0] ? events[0].reason : undefined, {
        reason_type: 'capability_unavailable',
        key: { source_uuid: EMBEDDED, skill_name: 'shell-patterns' },
        capability: 'shell',
      });
      const quiet = await resolveTurnSkills(service, {
        settings: { ...settings, enable_builtins: false },
        skillRefs: [],
        emit: () => undefined,
      });
      assert.equal(quiet.systemPrompt, undefined, 'no inventory without the skill tools');
    });
  },
);

void test(
  'filesystem repositories of the config are read; others are reported unhealthy',
  { timeout: 90_000 },
  async () => {
    const config = {
      skills: {
        repositories: [
          { name: 'team', source_uuid: 'team-skills', type: { filesystem: { path: '${REPO}/team' } } },
          { name: 'remote', source_uuid: 'remote', type: { git: { url: 'https://example.invalid/x.git' } } },
        ],
      },
    };
    await withService(config, async (service, root) => {
      await mkdir(join(root, 'team', 'review'), { recursive: true });
      await writeFile(
        join(root, 'team', 'review', 'SKILL.md'),
        '---\nname: review\ndescription: Review code.\n---\nbody',
      );
      const listed = await service.list();
      const team = listed.skills.find((entry) => entry.key.source_uuid === 'team-skills');
      assert.deepEqual([team?.name, team?.scope, team?.source.display_name], ['review', 'user', 'team']);
      const turn = await resolveTurnSkills(service, {
        settings,
        skillRefs: [{ source_uuid: 'team-skills', skill_name: 'review' }],
        emit: () => undefined,
      });
      assert.equal(turn.diagnostics?.source_health.state, 'unhealthy');
    });
  },
);

void test(
  'skills disabled: skills/list and any skill reference fail with skills not enabled',
  { timeout: 90_000 },
  async () => {
    await withService({ skills: { enabled: false } }, async (service) => {
      await assert.rejects(service.list(), /skills not enabled/);
      await assert.rejects(
        resolveTurnSkills(service, {
          settings,
          skillRefs: [{ source_uuid: EMBEDDED, skill_name: 'task-workflow' }],
          emit: () => undefined,
        }),
        /skills not enabled/,
      );
      const plain = await resolveTurnSkills(service, { settings, skillRefs: [], emit: () => undefined });
      assert.deepEqual(plain, { notices: [] });
    });
  },
);

void test('the [skills] section is type-checked when the config is loaded', { timeout: 90_000 }, () => {
  assert.throws(
    () => normalizeRealmConfig({ skills: { max_injection_bytes: 'big' } }),
    /Invalid config: .*skills/,
  );
  assert.throws(() => normalizeRealmConfig({ skills: { enabled: 'yes' } }), /Invalid config: .*skills/);
  assert.equal(normalizeRealmConfig({ skills: { inventory_threshold: 3 } }).raw.skills !== undefined, true);
});
