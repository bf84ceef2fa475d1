/** What the CLI reads and writes; the binary passes the process's streams, tests pass buffers. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted when the user interrupts (Ctrl-C); a running turn is then cancelled. */
  signal?: AbortSignal;
}
