import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export interface StateRootEnvironment {
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  homeDirectory?: string;
}

/**
 * The default directory that holds realm directories (01 §1.1): `<platform data dir>/meerkat/realms`.
 * Linux and others: `$XDG_DATA_HOME` (when absolute), else `~/.local/share`; macOS: `~/Library/Application
 * Support`; Windows: `%APPDATA%`.
 */
export function defaultStateRoot(options: StateRootEnvironment = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.homeDirectory ?? homedir();
  let dataDirectory: string;
  if (platform === 'darwin') {
    dataDirectory = join(home, 'Library', 'Application Support');
  } else if (platform === 'win32') {
    dataDirectory = env.APPDATA ?? join(home, 'AppData', 'Roaming');
  } else {
    const xdg = env.XDG_DATA_HOME;
    dataDirectory = xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
  }
  return join(dataDirectory, 'meerkat', 'realms');
}
