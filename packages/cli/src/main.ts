import { Command, CommanderError } from 'commander';
import { TurnFailedError } from '@rkat/runtime';
import { registerMcpCommand } from './commands/mcp-command.js';
import { registerModelsCommand } from './commands/models-command.js';
import { registerResumeCommand, registerRunCommand } from './commands/run-command.js';
import { registerRpcCommand } from './commands/rpc-command.js';
import { registerSessionsCommand } from './commands/sessions-command.js';
import { registerSkillCommand } from './commands/skill-command.js';
import type { CliIo } from './io.js';
import { addRealmOptions } from './options/common-options.js';
import { EXIT_MISSING_CREDENTIALS, reportError } from './output/report-error.js';

/** The CLI version (this package) and the contract it implements. */
export const RKAT_CLI_VERSION = '0.1.0 (contract 0.6.6)';

/** Builds the `rkat` command tree; output goes to `io`, and commander never exits the process itself. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('rkat')
    .description('Meerkat agent runtime: run prompts, resume sessions, list models, serve JSON-RPC')
    .version(RKAT_CLI_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  addRealmOptions(program);
  registerRunCommand(program, io);
  registerResumeCommand(program, io);
  registerSessionsCommand(program, io);
  registerModelsCommand(program, io);
  registerMcpCommand(program, io);
  registerSkillCommand(program, io);
  registerRpcCommand(program);
  return program;
}

/**
 * Runs `rkat` with `args` (without the node and script paths) and resolves with the exit code: 0 on success,
 * 2 when an API key is missing, 130 after an interrupt, 1 for any other failure. Never throws.
 */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const code = reportError(error, io);
    if (error instanceof TurnFailedError && code !== EXIT_MISSING_CREDENTIALS) {
      io.stderr.write(`session: ${error.sessionId}\n`);
    }
    return code;
  }
}
