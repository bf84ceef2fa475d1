import { readFile } from 'node:fs/promises';
import { Type } from '@sinclair/typebox';
import { checkContract, parseJson } from '@rkat/contracts';
import { RuntimeError } from '../errors/runtime-error.js';
import { writeFileAtomic } from '@rkat/tools';

const ConfigState = Type.Object({ generation: Type.Integer({ minimum: 0 }) });

/**
 * The config generation of `config_state.json` (01 §1.1): 0 when the file is absent. Throws
 * `RuntimeError('INTERNAL_ERROR')` when the file exists but is not `{"generation": <n>}`.
 */
export async function readConfigGeneration(path: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new RuntimeError('INTERNAL_ERROR', `cannot read ${path}`, { cause: error });
  }
  const parsed = parseJson(text);
  const checked = parsed.ok ? checkContract<{ generation: number }>(ConfigState, parsed.value) : undefined;
  if (!checked?.ok) throw new RuntimeError('INTERNAL_ERROR', `config state ${path} is unreadable`);
  return checked.value.generation;
}

/** Writes `{"generation": n}` atomically. Throws the file system's error. */
export async function writeConfigGeneration(path: string, generation: number): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify({ generation })}\n`);
}
