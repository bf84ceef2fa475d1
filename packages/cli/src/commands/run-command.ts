import type { Command } from 'commander';
import { openRuntime, type CreateSessionOptions, type Runtime } from '@rkat/runtime';
import type { CliIo } from '../io.js';
import {
  addRealmOptions,
  parsePositiveInteger,
  runtimeOptions,
  type RealmFlags,
} from '../options/common-options.js';
import { readOutputSchemaOption } from '../options/output-schema-option.js';
import {
  addToolsOption,
  toolsPresetOf,
  toolsPresetOptions,
  type ToolsPreset,
} from '../options/tools-option.js';
import { TurnPrinter } from '../output/turn-printer.js';

interface RunFlags extends RealmFlags {
  model?: string;
  provider?: string;
  systemPrompt?: string;
  outputSchema?: string;
  maxTokens?: number;
  json?: boolean;
  tools?: ToolsPreset;
  yolo?: boolean;
}

function addTurnOptions(command: Command): Command {
  return addRealmOptions(command)
    .option('-m, --model <id>', 'model id (default: the realm default model)')
    .option('--provider <name>', 'anthropic, openai, gemini or self_hosted (default: from the model catalog)')
    .option('--json', 'print the run result as JSON instead of streaming text');
}

async function runTurn(
  runtime: Runtime,
  sessionId: string,
  prompt: string,
  flags: RunFlags,
  io: CliIo,
  overrides: { model?: string; provider?: string },
): Promise<void> {
  const printer = new TurnPrinter(io, !flags.json);
  try {
    const result = await runtime.sessions.startTurn(sessionId, prompt, {
      ...overrides,
      onEvent: printer.onEvent,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    if (flags.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else printer.finish(result);
    io.stderr.write(`session: ${sessionId}\n`);
  } catch (error) {
    printer.abandon();
    throw error;
  }
}

async function withRuntime(
  flags: RealmFlags,
  io: CliIo,
  action: (runtime: Runtime) => Promise<void>,
): Promise<void> {
  const runtime = await openRuntime(runtimeOptions(flags, io));
  try {
    await action(runtime);
  } finally {
    await runtime.close();
  }
}

/** `rkat run "<prompt>"`: creates a session in the realm and runs its first turn. */
export function registerRunCommand(program: Command, io: CliIo): void {
  addToolsOption(
    addTurnOptions(program.command('run').description('run a prompt in a new session').argument('<prompt>')),
  )
    .option('--system-prompt <text>', 'replace the default system prompt')
    .option('--output-schema <json-or-file>', 'JSON Schema (inline JSON or a file) for structured output')
    .option('--max-tokens <n>', 'output token cap per model call', parsePositiveInteger)
    .action(async (prompt: string, _options: RunFlags, command: Command) => {
      const flags = command.optsWithGlobals<RunFlags>();
      const create: CreateSessionOptions = {
        model: flags.model ?? null,
        provider: flags.provider ?? null,
        systemPrompt: flags.systemPrompt ?? null,
        maxTokens: flags.maxTokens ?? null,
        ...toolsPresetOptions(toolsPresetOf(flags)),
      };
      if (flags.outputSchema !== undefined) {
        create.outputSchema = await readOutputSchemaOption(flags.outputSchema, io.cwd);
      }
      await withRuntime(flags, io, async (runtime) => {
        const session = await runtime.sessions.createSession(create);
        await runTurn(runtime, session.sessionId, prompt, flags, io, {});
      });
    });
}

/** `rkat resume <session-id> "<prompt>"`: runs another turn of a stored session. */
export function registerResumeCommand(program: Command, io: CliIo): void {
  addTurnOptions(
    program
      .command('resume')
      .description('continue a session with another prompt')
      .argument('<session-id>', 'session id (UUID or <realm>:<uuid>)')
      .argument('<prompt>'),
  ).action(async (locator: string, prompt: string, _options: RunFlags, command: Command) => {
    const flags = command.optsWithGlobals<RunFlags>();
    await withRuntime(flags, io, async (runtime) => {
      const overrides = {
        ...(flags.model !== undefined ? { model: flags.model } : {}),
        ...(flags.provider !== undefined ? { provider: flags.provider } : {}),
      };
      const info = await runtime.sessions.readSession(locator);
      await runTurn(runtime, info.sessionId, prompt, flags, io, overrides);
    });
  });
}
