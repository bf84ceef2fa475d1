import type { Command } from 'commander';
import { buildModelsCatalog } from '@rkat/providers';
import { deriveWorkspaceRealmId, defaultStateRoot, loadRealmConfig, realmPaths } from '@rkat/runtime';
import type { CliIo } from '../io.js';
import { addRealmOptions, type RealmFlags } from '../options/common-options.js';
import { renderTable } from '../output/table.js';

interface ModelsFlags extends RealmFlags {
  json?: boolean;
}

/** `rkat models`: the model catalog (01 §11), with the realm's self-hosted aliases. Creates no realm. */
export function registerModelsCommand(program: Command, io: CliIo): void {
  addRealmOptions(program.command('models').description('list the models of the catalog'))
    .option('--json', 'print the catalog as JSON (the models/catalog result)')
    .action(async (_options: ModelsFlags, command: Command) => {
      const flags = command.optsWithGlobals<ModelsFlags>();
      const stateRoot = flags.stateRoot ?? defaultStateRoot({ env: io.env });
      const paths = realmPaths(stateRoot, flags.realm ?? deriveWorkspaceRealmId(io.cwd));
      const config = await loadRealmConfig(paths.configPath);
      const catalog = buildModelsCatalog(config.selfHosted);
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(catalog, null, 2)}\n`);
        return;
      }
      const rows = catalog.providers.flatMap((provider) =>
        provider.models.map((model) => [
          provider.provider,
          model.id === provider.default_model_id ? `${model.id} *` : model.id,
          model.display_name,
          model.tier,
          model.context_window !== undefined ? String(model.context_window) : '',
        ]),
      );
      io.stdout.write(renderTable(['PROVIDER', 'MODEL', 'NAME', 'TIER', 'CONTEXT'], rows));
      io.stdout.write('* default model of the provider\n');
    });
}
