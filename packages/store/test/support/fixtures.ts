import { fileURLToPath } from 'node:url';

/**
 * A path under the package's `test/fixtures/` source folder (fixtures are not copied to `dist`).
 * Tests copy a fixture before opening it: opening a store may migrate and always journals.
 */
export function fixturePath(...parts: string[]): string {
  return fileURLToPath(new URL(`../../../test/fixtures/${parts.join('/')}`, import.meta.url));
}
