import { CommanderError, type Command } from 'commander';
import { runRkatRpcProcess } from '@rkat/rpc-server';
import type { RealmFlags } from '../options/common-options.js';

/**
 * `rkat rpc`: the `rkat-rpc` server on this process's stdio, with the same flags (00-decisions.md §12b; the
 * SDKs start a binary named `rkat` this way). `--realm` and `--state-root` are read by the program wherever
 * they appear and handed on; every other argument goes to the server's own parser (`rkat rpc --help`).
 * Exits with the server's code.
 */
export function registerRpcCommand(program: Command): void {
  program
    .command('rpc')
    .description('serve JSON-RPC 2.0 on stdin/stdout, like rkat-rpc (see `rkat rpc --help`)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (_options: unknown, command: Command) => {
      const flags = command.optsWithGlobals<RealmFlags>();
      const args = [
        ...(flags.realm !== undefined ? ['--realm', flags.realm] : []),
        ...(flags.stateRoot !== undefined ? ['--state-root', flags.stateRoot] : []),
        ...command.args,
      ];
      const code = await runRkatRpcProcess(args, 'rkat rpc');
      if (code !== 0) throw new CommanderError(code, 'rkat.rpc', `rkat rpc exited with code ${code}`);
    });
}
