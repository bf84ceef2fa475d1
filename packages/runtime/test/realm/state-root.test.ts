import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defaultStateRoot, realmDirectoryName, realmPaths } from '../../src/index.js';

void test('linux uses XDG_DATA_HOME, else ~/.local/share', () => {
  assert.equal(
    defaultStateRoot({ env: { XDG_DATA_HOME: '/data' }, platform: 'linux', homeDirectory: '/home/u' }),
    join('/data', 'meerkat', 'realms'),
  );
  assert.equal(
    defaultStateRoot({ env: {}, platform: 'linux', homeDirectory: '/home/u' }),
    join('/home/u', '.local', 'share', 'meerkat', 'realms'),
  );
  assert.equal(
    defaultStateRoot({ env: { XDG_DATA_HOME: 'relative' }, platform: 'linux', homeDirectory: '/home/u' }),
    join('/home/u', '.local', 'share', 'meerkat', 'realms'),
    'a relative XDG_DATA_HOME is ignored',
  );
});

void test('macOS and Windows use their data directories', () => {
  assert.equal(
    defaultStateRoot({ env: {}, platform: 'darwin', homeDirectory: '/Users/u' }),
    join('/Users/u', 'Library', 'Application Support', 'meerkat', 'realms'),
  );
  assert.equal(
    defaultStateRoot({
      env: { APPDATA: 'C:/Users/u/AppData/Roaming' },
      platform: 'win32',
      homeDirectory: 'C:/Users/u',
    }),
    join('C:/Users/u/AppData/Roaming', 'meerkat', 'realms'),
  );
});

void test('realm paths follow the realm layout', () => {
  const paths = realmPaths('/state', 'team');
  assert.equal(paths.root, join('/state', 'team'));
  assert.equal(paths.manifestPath, join('/state', 'team', 'realm_manifest.json'));
  assert.equal(paths.configPath, join('/state', 'team', 'config.toml'));
  assert.equal(paths.sessionsSqlitePath, join('/state', 'team', 'sessions.sqlite3'));
  assert.equal(realmDirectoryName('a.b/c'), 'a_b_c');
});
