import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkContract, ModelsCatalogResult } from '../../src/index.js';

const profile = {
  model_family: 'claude-opus-4',
  supports_temperature: false,
  supports_thinking: true,
  supports_reasoning: false,
  supports_web_search: true,
  vision: true,
  image_input: true,
  image_tool_results: true,
  inline_video: false,
  realtime: false,
  image_generation: false,
  params_schema: { type: 'object', additionalProperties: false, properties: {} },
  beta_headers: [
    { feature: 'compaction', header_name: 'anthropic-beta', header_value: 'compact-2026-01-12' },
  ],
};

const catalog = {
  contract_version: { major: 0, minor: 6, patch: 6 },
  providers: [
    {
      provider: 'anthropic',
      default_model_id: 'claude-opus-4-7',
      models: [
        {
          id: 'claude-opus-4-7',
          display_name: 'Claude Opus 4.7',
          tier: 'recommended',
          context_window: 1000000,
          max_output_tokens: 128000,
          profile,
        },
      ],
    },
    {
      provider: 'self_hosted',
      default_model_id: 'local',
      models: [{ id: 'local', display_name: 'Local', tier: 'supported', server_id: 'ollama' }],
    },
  ],
};

void test('a models/catalog result with profiles and a self-hosted alias passes', () => {
  assert.equal(checkContract(ModelsCatalogResult, catalog).ok, true);
});

void test('catalog shapes are checked: tier, provider, profile flags, version', () => {
  const [anthropic, selfHosted] = catalog.providers;
  assert.ok(anthropic && selfHosted);
  const badTier = { ...selfHosted, models: [{ id: 'x', display_name: 'X', tier: 'legacy' }] };
  assert.equal(checkContract(ModelsCatalogResult, { ...catalog, providers: [badTier] }).ok, false);
  const badProvider = { ...selfHosted, provider: 'other' };
  assert.equal(checkContract(ModelsCatalogResult, { ...catalog, providers: [badProvider] }).ok, false);
  const { realtime: _realtime, ...partialProfile } = profile;
  const model = { id: 'x', display_name: 'X', tier: 'supported', profile: partialProfile };
  const badProfile = { ...anthropic, models: [model] };
  assert.equal(checkContract(ModelsCatalogResult, { ...catalog, providers: [badProfile] }).ok, false);
  assert.equal(checkContract(ModelsCatalogResult, { ...catalog, contract_version: '0.6.6' }).ok, false);
});
