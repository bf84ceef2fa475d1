import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { Type, type Static } from '@sinclair/typebox';
import { checkContract, formatIssues, parseJson } from '@rkat/contracts';
import { RuntimeError } from '../errors/runtime-error.js';
import { RealmOpenError } from './realm-open-error.js';
import type { RealmPaths } from './realm-paths.js';

/** `realm_manifest.json` (01 §1.1). `created_at` is a string of unix seconds. */
export const RealmManifest = Type.Object({
  realm_id: Type.String(),
  backend: Type.Union([Type.Literal('sqlite'), Type.Literal('jsonl')]),
  origin: Type.Union([
    Type.Literal('generated'),
    Type.Literal('workspace'),
    Type.Literal('explicit'),
    Type.Literal('legacy_unknown'),
  ]),
  created_at: Type.String(),
});
export type RealmManifest = Static<typeof RealmManifest>;

export type RealmOrigin = RealmManifest['origin'];
/** A realm's session store backend, as its manifest names it. */
export type RealmBackend = RealmManifest['backend'];

export interface EnsureManifestOptions {
  origin: RealmOrigin;
  /**
   * The backend a new realm is created with, and the one an existing realm must have. `undefined` accepts
   * the existing realm's backend and creates new realms as `sqlite`.
   */
  backend?: RealmBackend;
  /** Epoch milliseconds used for `created_at` when the manifest is new. */
  nowMs: number;
}

/**
 * Reads `realm_manifest.json`; `undefined` when it does not exist. Throws `RuntimeError('INVALID_REALM')`
 * when it exists but is not a valid manifest.
 */
export async function readRealmManifest(path: string): Promise<RealmManifest | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = parseJson(text);
  const checked = parsed.ok ? checkContract<RealmManifest>(RealmManifest, parsed.value) : undefined;
  if (!checked?.ok) {
    const detail = !parsed.ok ? parsed.error : checked ? formatIssues(checked.issues) : 'invalid';
    throw new RuntimeError('INVALID_REALM', `realm manifest ${path} is unreadable: ${detail}`);
  }
  return checked.value;
}

/** Creates `target` from `text` only if it does not exist yet; returns false when another writer won. */
async function createOnce(target: string, text: string): Promise<boolean> {
  const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, text, { mode: 0o644, flag: 'wx' });
  try {
    await link(temporary, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links: a rename is still atomic, though not exclusive.
    await rename(temporary, target);
    return true;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Makes sure the realm directory and its manifest exist. A new manifest is written once, atomically (a temp
 * file hard-linked into place, so concurrent openers agree on one). An existing manifest is validated and
 * kept; a backend other than `options.backend` fails closed with `RealmOpenError('backend_mismatch')`
 * (code `INVALID_REALM`).
 */
export async function ensureRealmManifest(
  paths: RealmPaths,
  options: EnsureManifestOptions,
): Promise<RealmManifest> {
  await mkdir(paths.root, { recursive: true });
  let manifest = await readRealmManifest(paths.manifestPath);
  if (!manifest) {
    const fresh: RealmManifest = {
      realm_id: paths.realmId,
      backend: options.backend ?? 'sqlite',
      origin: options.origin,
      created_at: String(Math.floor(options.nowMs / 1000)),
    };
    const created = await createOnce(paths.manifestPath, `${JSON.stringify(fresh, null, 2)}\n`);
    manifest = created ? fresh : await readRealmManifest(paths.manifestPath);
    if (!manifest) throw new RuntimeError('INTERNAL_ERROR', `realm manifest ${paths.manifestPath} vanished`);
  }
  if (manifest.realm_id !== paths.realmId) {
    throw new RuntimeError(
      'INVALID_REALM',
      `realm directory ${paths.root} belongs to realm '${manifest.realm_id}', not '${paths.realmId}'`,
    );
  }
  if (options.backend !== undefined && manifest.backend !== options.backend) {
    throw new RealmOpenError(
      'backend_mismatch',
      `realm '${paths.realmId}' uses the ${manifest.backend} backend, not ${options.backend}`,
    );
  }
  return manifest;
}
