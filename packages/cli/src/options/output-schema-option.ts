import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseJson } from '@rkat/contracts';
import { CliError } from '../output/cli-error.js';

/**
 * Reads `--output-schema`: inline JSON when the value starts with `{`, otherwise a path (relative to `cwd`)
 * to a JSON file. Throws `CliError` when the file cannot be read or is not JSON; the schema itself is
 * validated by the runtime.
 */
export async function readOutputSchemaOption(value: string, cwd: string): Promise<unknown> {
  const inline = value.trimStart().startsWith('{');
  let text = value;
  if (!inline) {
    try {
      text = await readFile(resolve(cwd, value), 'utf8');
    } catch (error) {
      throw new CliError(`cannot read --output-schema file ${value}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const parsed = parseJson(text);
  if (!parsed.ok) throw new CliError(`--output-schema is not valid JSON: ${parsed.error}`);
  return parsed.value;
}
