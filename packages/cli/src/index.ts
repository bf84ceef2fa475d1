export { main, buildProgram, RKAT_CLI_VERSION } from './main.js';
export type { CliIo } from './io.js';
export { CliError } from './output/cli-error.js';
export {
  reportError,
  EXIT_FAILURE,
  EXIT_MISSING_CREDENTIALS,
  EXIT_INTERRUPTED,
} from './output/report-error.js';
export { TurnPrinter } from './output/turn-printer.js';
export { readOutputSchemaOption } from './options/output-schema-option.js';
