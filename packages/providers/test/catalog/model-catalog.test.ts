import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModelsCatalog, inferProvider, type CatalogModelEntry } from '../../src/model-catalog.js';

// 01 §11, copied verbatim: provider | id | display_name | tier | family | ctx | out | T | Think | R | W | V | ITR | Vid | RT
const SPEC_TABLE = `
| anthropic | claude-haiku-4-5 | Claude Haiku 4.5 | recommended | claude-haiku-4 | 200000 | 64000 | y | E | n | y | y | y | n | n |
| anthropic | claude-haiku-4-5-20251001 | Claude Haiku 4.5 | recommended | claude-haiku-4 | 200000 | 64000 | y | E | n | y | y | y | n | n |
| anthropic | claude-opus-4-5 | Claude Opus 4.5 | supported | claude-opus-4 | 200000 | 64000 | y | E | n | y | y | y | n | n |
| anthropic | claude-opus-4-6 | Claude Opus 4.6 | supported | claude-opus-4 | 1000000 | 128000 | y | A+E | n | y | y | y | n | n |
| anthropic | **claude-opus-4-7** (default) | Claude Opus 4.7 | recommended | claude-opus-4 | 1000000 | 128000 | n | A | n | y | y | y | n | n |
| anthropic | claude-sonnet-4-5 | Claude Sonnet 4.5 | supported | claude-sonnet-4 | 200000 | 64000 | y | E | n | y | y | y | n | n |
| anthropic | claude-sonnet-4-6 | Claude Sonnet 4.6 | recommended | claude-sonnet-4 | 1000000 | 64000 | y | A+E | n | y | y | y | n | n |
| openai | gpt-5.3-codex | GPT-5.3 Codex | supported | codex | 400000 | 128000 | n | – | y | n | y | n | n | n |
| openai | gpt-5.4 | GPT-5.4 | supported | gpt-5 | 1050000 | 128000 | n | – | y | y | y | n | n | n |
| openai | gpt-5.4-mini | GPT-5.4 Mini | supported | gpt-5 | 128000 | 16384 | n | – | y | y | y | n | n | n |
| openai | **gpt-5.5** (default) | GPT-5.5 | recommended | gpt-5 | 1050000 | 128000 | n | – | y | y | y | n | n | n |
| openai | gpt-5.5-pro | GPT-5.5 Pro | recommended | gpt-5 | 1050000 | 128000 | n | – | y | y | y | n | n | n |
| openai | gpt-realtime-2 | GPT Realtime 2 | recommended | gpt-realtime | 128000 | 32000 | y | – | y | n | y | n | n | y |
| gemini | **gemini-3-flash-preview** (default) | Gemini 3 Flash Preview | recommended | gemini-3 | 1048576 | 65536 | y | G | n | y | y | y | y | n |
| gemini | gemini-3.1-flash-lite-preview | Gemini 3.1 Flash Lite Preview | supported | gemini-3 | 1048576 | 65536 | y | G | n | y | y | y | y | n |
| gemini | gemini-3.1-pro-preview | Gemini 3.1 Pro Preview | supported | gemini-3 | 1048576 | 65536 | y | G | n | y | y | y | y | n |
`;

interface SpecRow {
  provider: string;
  id: string;
  isDefault: boolean;
  cells: string[];
}

const SPEC_ROWS: SpecRow[] = SPEC_TABLE.trim()
  .split('\n')
  .map((line) => {
    const cells = line
      .split('|')
      .map((cell) => cell.trim())
      .slice(1, -1);
    const rawId = cells[1] ?? '';
    return {
      provider: cells[0] ?? '',
      id: rawId.replace(/\*\*|\(default\)/g, '').trim(),
      isDefault: rawId.includes('(default)'),
      cells,
    };
  });

const catalog = buildModelsCatalog();
const entries = new Map<string, CatalogModelEntry>(
  catalog.providers.flatMap((provider) => provider.models.map((model) => [model.id, model] as const)),
);
const yes = (cell: string | undefined): boolean => cell === 'y';

void test('catalog has the contract version and the providers in order', () => {
  assert.deepEqual(catalog.contract_version, { major: 0, minor: 6, patch: 6 });
  assert.deepEqual(
    catalog.providers.map((provider) => provider.provider),
    ['anthropic', 'openai', 'gemini'],
  );
  assert.equal(entries.size, SPEC_ROWS.length);
});

void test('models are sorted by id within each provider and defaults match the table', () => {
  for (const provider of catalog.providers) {
    const ids = provider.models.map((model) => model.id);
    assert.deepEqual(ids, [...ids].sort());
    const expected = SPEC_ROWS.filter((row) => row.provider === provider.provider);
    assert.deepEqual(
      ids,
      expected.map((row) => row.id),
    );
    assert.equal(provider.default_model_id, expected.find((row) => row.isDefault)?.id);
  }
});

for (const row of SPEC_ROWS) {
  void test(`catalog row ${row.id} matches 01 §11`, () => {
    const [, , display, tier, family, ctx, out, t, think, r, w, v, itr, vid, rt] = row.cells;
    const entry = entries.get(row.id);
    assert.ok(entry, `missing ${row.id}`);
    assert.equal(inferProvider(row.id), row.provider);
    assert.equal(entry.display_name, display);
    assert.equal(entry.tier, tier);
    assert.equal(entry.context_window, Number(ctx));
    assert.equal(entry.max_output_tokens, Number(out));
    assert.equal(entry.server_id, undefined);
    const profile = entry.profile;
    assert.ok(profile);
    assert.equal(profile.model_family, family);
    assert.equal(profile.supports_temperature, yes(t));
    assert.equal(profile.supports_thinking, think !== '–');
    assert.equal(profile.supports_reasoning, yes(r));
    assert.equal(profile.supports_web_search, yes(w));
    assert.equal(profile.vision, yes(v));
    assert.equal(profile.image_input, yes(v));
    assert.equal(profile.image_tool_results, yes(itr));
    assert.equal(profile.inline_video, yes(vid));
    assert.equal(profile.realtime, yes(rt));
    assert.equal(profile.image_generation, row.provider !== 'anthropic');
    assert.equal(profile.params_schema.type, 'object');
    assert.equal(profile.params_schema.additionalProperties, false);

    const properties = profile.params_schema.properties as Record<string, Record<string, unknown>>;
    if (row.provider === 'anthropic') {
      const thinking = properties.thinking;
      assert.ok(thinking);
      if (think === 'A+E') assert.equal((thinking.oneOf as unknown[]).length, 2);
      else {
        const variant = (thinking.properties as { type: { enum: string[] } }).type.enum;
        assert.deepEqual(variant, [think === 'A' ? 'adaptive' : 'enabled']);
      }
    }
  });
}

function keysOf(id: string): string[] {
  const schema = entries.get(id)?.profile?.params_schema;
  return Object.keys((schema?.properties ?? {}) as object).sort();
}

function enumOf(id: string, key: string): unknown {
  const properties = entries.get(id)?.profile?.params_schema.properties as Record<string, { enum?: unknown }>;
  return properties[key]?.enum;
}

void test('anthropic params_schema keys follow 01 §11', () => {
  assert.deepEqual(keysOf('claude-opus-4-7'), ['compaction', 'effort', 'inference_geo', 'thinking']);
  assert.deepEqual(keysOf('claude-opus-4-6'), [
    'compaction',
    'effort',
    'inference_geo',
    'thinking',
    'thinking_budget',
    'top_k',
  ]);
  assert.deepEqual(keysOf('claude-sonnet-4-6'), keysOf('claude-opus-4-6'));
  assert.deepEqual(keysOf('claude-opus-4-5'), [
    'effort',
    'inference_geo',
    'thinking',
    'thinking_budget',
    'top_k',
  ]);
  assert.deepEqual(keysOf('claude-sonnet-4-5'), ['inference_geo', 'thinking', 'thinking_budget', 'top_k']);
  assert.deepEqual(keysOf('claude-haiku-4-5'), ['thinking', 'thinking_budget', 'top_k']);
  assert.deepEqual(keysOf('claude-haiku-4-5-20251001'), ['thinking', 'thinking_budget', 'top_k']);
  assert.deepEqual(enumOf('claude-opus-4-7', 'effort'), ['low', 'medium', 'high', 'xhigh', 'max']);
  assert.deepEqual(enumOf('claude-opus-4-6', 'effort'), ['low', 'medium', 'high', 'max']);
  assert.deepEqual(enumOf('claude-sonnet-4-6', 'effort'), ['low', 'medium', 'high', 'max']);
  assert.deepEqual(enumOf('claude-opus-4-5', 'effort'), ['low', 'medium', 'high']);
});

void test('openai params_schema keys follow 01 §11', () => {
  for (const id of ['gpt-5.4', 'gpt-5.4-mini', 'gpt-5.5', 'gpt-5.5-pro']) {
    assert.deepEqual(keysOf(id), ['frequency_penalty', 'presence_penalty', 'reasoning_effort', 'seed']);
    assert.deepEqual(enumOf(id, 'reasoning_effort'), ['none', 'low', 'medium', 'high', 'xhigh']);
  }
  assert.deepEqual(enumOf('gpt-5.3-codex', 'reasoning_effort'), ['low', 'medium', 'high', 'xhigh']);
  assert.deepEqual(keysOf('gpt-realtime-2'), ['reasoning_effort']);
  assert.deepEqual(enumOf('gpt-realtime-2', 'reasoning_effort'), [
    'minimal',
    'low',
    'medium',
    'high',
    'xhigh',
  ]);
});

void test('gemini params_schema keys follow 01 §11', () => {
  for (const row of SPEC_ROWS.filter((candidate) => candidate.provider === 'gemini')) {
    assert.deepEqual(keysOf(row.id), ['thinking', 'thinking_budget', 'thinking_level', 'top_k', 'top_p']);
    assert.deepEqual(enumOf(row.id, 'thinking_level'), ['minimal', 'low', 'medium', 'high']);
    const properties = entries.get(row.id)?.profile?.params_schema.properties as Record<
      string,
      Record<string, unknown>
    >;
    assert.deepEqual(Object.keys(properties.thinking?.properties as object).sort(), [
      'thinking_budget',
      'thinking_level',
    ]);
    assert.deepEqual(properties.top_p, { type: 'number', minimum: 0, maximum: 1 });
  }
});

void test('beta headers follow 01 §11', () => {
  const values = (id: string) =>
    entries
      .get(id)
      ?.profile?.beta_headers.map(
        (header) => `${header.header_name}:${header.feature}=${header.header_value}`,
      );
  const full = [
    'anthropic-beta:compaction=compact-2026-01-12',
    'anthropic-beta:structured_output=structured-outputs-2025-11-13',
    'anthropic-beta:interleaved_thinking=interleaved-thinking-2025-05-14',
  ];
  for (const id of ['claude-opus-4-7', 'claude-opus-4-6', 'claude-sonnet-4-6'])
    assert.deepEqual(values(id), full);
  for (const id of [
    'claude-sonnet-4-5',
    'claude-haiku-4-5',
    'claude-haiku-4-5-20251001',
    'claude-opus-4-5',
  ]) {
    assert.deepEqual(values(id), full.slice(1));
  }
  for (const row of SPEC_ROWS.filter((candidate) => candidate.provider !== 'anthropic')) {
    assert.deepEqual(values(row.id), []);
  }
});

void test('inferProvider matches exact ids only', () => {
  assert.equal(inferProvider('gpt-5.5'), 'openai');
  assert.equal(inferProvider('gpt-5'), undefined);
  assert.equal(inferProvider('claude-opus-4-7-20260101'), undefined);
});

void test('self-hosted aliases follow the built-ins, sorted, default is the smallest alias', () => {
  const withHosted = buildModelsCatalog({
    servers: { local: { base_url: 'http://127.0.0.1:11434', api_style: 'chat_completions' } },
    models: {
      zeta: { server: 'local', remote_model: 'qwen3:8b', display_name: 'Qwen', family: 'qwen', vision: true },
      alpha: { server: 'local', remote_model: 'llama3', context_window: 8192 },
    },
  });
  const hosted = withHosted.providers.at(-1);
  assert.equal(hosted?.provider, 'self_hosted');
  assert.equal(hosted?.default_model_id, 'alpha');
  assert.deepEqual(
    hosted?.models.map((model) => model.id),
    ['alpha', 'zeta'],
  );
  const zeta = hosted?.models[1];
  assert.equal(zeta?.server_id, 'local');
  assert.equal(zeta?.display_name, 'Qwen');
  assert.equal(zeta?.profile?.vision, true);
  assert.equal(zeta?.profile?.image_input, true);
  assert.equal(zeta?.profile?.image_generation, false);
  assert.deepEqual(zeta?.profile?.params_schema, {
    type: 'object',
    additionalProperties: false,
    properties: {},
  });
  assert.equal(hosted?.models[0]?.context_window, 8192);
  assert.equal(buildModelsCatalog({ servers: {}, models: {} }).providers.length, 3);
});
