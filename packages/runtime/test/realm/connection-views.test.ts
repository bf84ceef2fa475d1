import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError, getConnectionRealm, listConnectionRealms, rpcErrorCodeOf } from '../../src/index.js';

const realmTable = {
  team: {
    default_binding: 'main',
    backend: {
      direct: { provider: 'anthropic', backend_kind: 'anthropic_api', base_url: 'https://example.test' },
      oa: { provider: 'open_a_i', backend_kind: 'openai_api', options: { org: 'o' } },
    },
    auth: {
      key: {
        provider: 'anthropic',
        auth_method: 'api_key',
        source: { kind: 'inline_secret', secret: 'sk-do-not-leak' },
      },
      oa_env: { provider: 'openai', auth_method: 'api_key', source: { kind: 'env', env: 'OPENAI_API_KEY' } },
    },
    binding: {
      main: { backend_profile: 'direct', auth_profile: 'key', default_model: 'claude-opus-4-7' },
      oa: { backend_profile: 'oa', auth_profile: 'oa_env', policy: { allow_auth_override: true } },
    },
  },
  alpha: {},
};

void test('realm/list summarizes the connection sections, sorted by id', () => {
  assert.deepEqual(listConnectionRealms(realmTable), {
    realms: [
      { realm_id: 'alpha', default_binding: null, backend_count: 0, auth_profile_count: 0, binding_count: 0 },
      {
        realm_id: 'team',
        default_binding: 'main',
        backend_count: 2,
        auth_profile_count: 2,
        binding_count: 2,
      },
    ],
  });
  assert.deepEqual(listConnectionRealms(undefined), { realms: [] });
});

void test('realm/get shows profiles and bindings without secrets', () => {
  const view = getConnectionRealm(realmTable, 'team');
  assert.deepEqual(view, {
    realm_id: 'team',
    backends: {
      direct: {
        id: 'direct',
        provider: 'anthropic',
        backend_kind: 'anthropic_api',
        base_url: 'https://example.test',
      },
      oa: { id: 'oa', provider: 'openai', backend_kind: 'openai_api', options: { org: 'o' } },
    },
    auth_profiles: {
      key: { id: 'key', provider: 'anthropic', auth_method: 'api_key', source_kind: 'inline_secret' },
      oa_env: { id: 'oa_env', provider: 'openai', auth_method: 'api_key', source_kind: 'env' },
    },
    bindings: {
      main: {
        id: 'main',
        backend_profile: 'direct',
        auth_profile: 'key',
        default_model: 'claude-opus-4-7',
        allow_auth_override: false,
        require_metadata_account: false,
        require_metadata_workspace: false,
      },
      oa: {
        id: 'oa',
        backend_profile: 'oa',
        auth_profile: 'oa_env',
        allow_auth_override: true,
        require_metadata_account: false,
        require_metadata_workspace: false,
      },
    },
    default_binding: 'main',
  });
  assert.doesNotMatch(JSON.stringify(view), /sk-do-not-leak/);
  assert.doesNotMatch(JSON.stringify(listConnectionRealms(realmTable)), /sk-do-not-leak/);
});

void test('an unknown realm is invalid params; a malformed table is an internal error', () => {
  assert.throws(
    () => getConnectionRealm(realmTable, 'nope'),
    (error: unknown) =>
      RuntimeError.is(error) &&
      rpcErrorCodeOf(error) === 'INVALID_PARAMS' &&
      error.message === 'Unknown realm: nope',
  );
  assert.throws(
    () => getConnectionRealm(realmTable, '__proto__'),
    (error: unknown) => RuntimeError.is(error, 'INVALID_PARAMS'),
  );
  const mismatched = {
    bad: {
      backend: { b: { provider: 'anthropic', backend_kind: 'anthropic_api' } },
      auth: { a: { provider: 'openai', auth_method: 'api_key', source: { kind: 'env', env: 'X' } } },
      binding: { x: { backend_profile: 'b', auth_profile: 'a' } },
    },
  };
  assert.throws(
    () => listConnectionRealms(mismatched),
    (error: unknown) =>
      RuntimeError.is(error, 'INTERNAL_ERROR') &&
      /^Realm config invalid: .*different providers/.test(error.message),
  );
});
