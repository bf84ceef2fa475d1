import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_JSON_DEPTH } from '@rkat/contracts';
import { StoreError } from '@rkat/core';
import { decodeStoredJson, encodeForStorage } from '../../src/shared/json-codec.js';
import { StoredLabels, StoredSettings } from '../../src/shared/schemas.js';

const POISON =
  '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"x":1}';

void test(
  'R38 hostile-persisted-payload: hostile stored JSON decodes to plain data without polluting any prototype',
  { timeout: 5000 },
  () => {
    const labels = decodeStoredJson<Record<string, string>>(
      `{"team":"core",${POISON},"toString":"kept as data"}`,
      StoredLabels,
      'session s1 labels',
    );
    assert.deepEqual(labels, { team: 'core', toString: 'kept as data' });
    assert.equal(Object.getPrototypeOf(labels), Object.prototype);
    const settings = decodeStoredJson<Record<string, unknown>>(
      `{"max_tokens":5,"nested":{${POISON},"deeper":[{${POISON},"ok":true}]}}`,
      StoredSettings,
      'session s1 settings',
    );
    assert.deepEqual(settings, { max_tokens: 5, nested: { deeper: [{ ok: true }] } });
    // Nothing leaked onto the shared prototypes.
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    assert.equal((Object.prototype as { polluted?: unknown }).polluted, undefined);
    assert.equal((Function.prototype as { polluted?: unknown }).polluted, undefined);
  },
);

void test(
  'R38 hostile-persisted-payload: stored JSON nested past the limit is a typed corrupt-row error, never a crash',
  { timeout: 5000 },
  () => {
    const deep = `{"a":${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}}`;
    assert.throws(
      () => decodeStoredJson(deep, StoredSettings, 'session s2 settings'),
      (error: unknown) =>
        error instanceof StoreError &&
        error.message ===
          `session s2 settings: invalid JSON: JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
    // What cannot be read back is never written.
    assert.throws(
      () => encodeForStorage(JSON.parse(deep) as unknown, StoredSettings, 'session s2 settings'),
      (error: unknown) =>
        error instanceof StoreError && /^refusing to write session s2 settings/.test(error.message),
    );
  },
);
