import { parse, stringify } from 'smol-toml';
import { toPlainData, type ConfigData } from './config-data.js';

/** Parses `config.toml` text into plain config data. Throws smol-toml's `TomlError` on invalid TOML. */
export function parseConfigToml(text: string): ConfigData {
  return toPlainData(parse(text)) as ConfigData;
}

/**
 * Renders config data as TOML. Throws `Error` for values TOML cannot hold (`null` inside an array, for
 * instance); `null` object members must have been removed first.
 */
export function renderConfigToml(data: ConfigData): string {
  return `${stringify(data)}\n`;
}
