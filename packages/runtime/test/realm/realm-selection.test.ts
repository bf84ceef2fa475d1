import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RealmOpenError,
  RuntimeError,
  deriveWorkspaceRealmId,
  generateInstanceId,
  leaseFileName,
  selectRealm,
  validateInstanceId,
} from '../../src/index.js';

void test('realm flags: explicit, isolated, workspace, default isolated', () => {
  assert.deepEqual(selectRealm({ realmId: 'team' }), { realmId: 'team', origin: 'explicit' });
  assert.match(selectRealm({}).realmId, /^realm-[0-9a-f-]{36}$/);
  assert.equal(selectRealm({}).origin, 'generated');
  assert.equal(selectRealm({ isolated: true, workspaceDirectory: '/tmp' }).origin, 'generated');
  assert.deepEqual(selectRealm({ workspaceDirectory: '/tmp' }), {
    realmId: deriveWorkspaceRealmId('/tmp'),
    origin: 'workspace',
  });
  assert.throws(
    () => selectRealm({ realmId: 'team', isolated: true }),
    (error: unknown) =>
      error instanceof RealmOpenError &&
      error.reason === 'conflicting_flags' &&
      RuntimeError.is(error, 'INVALID_REALM'),
  );
  assert.throws(
    () => selectRealm({ realmId: '../up' }),
    (error: unknown) => RuntimeError.is(error, 'INVALID_REALM'),
  );
});

void test('instance ids: generated form, validation, safe lease file names', () => {
  assert.match(generateInstanceId(), /^instance-[0-9a-f-]{36}$/);
  assert.equal(validateInstanceId('worker-1'), 'worker-1');
  for (const bad of ['', 'a\u0000b', 'x'.repeat(129), 'line\nbreak']) {
    assert.throws(
      () => validateInstanceId(bad),
      (error: unknown) => error instanceof RealmOpenError && error.reason === 'invalid_instance_id',
    );
  }
  assert.equal(leaseFileName('../../etc/passwd'), '______etc_passwd.json');
  assert.equal(leaseFileName('instance-1'), 'instance-1.json');
});
