/**
 * Names of variables that carry credentials. They are left out of a shell command's environment unless the
 * session grants them by name (`grantedNames`) or sets them itself (`shell_env`).
 */
const SECRET_NAME_PATTERNS: readonly RegExp[] = [
  /_KEY$/i, // ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY, GOOGLE_API_KEY, RKAT_*_API_KEY, *_PRIVATE_KEY
  /^API_?KEY$/i,
  /_TOKEN$/i,
  /^TOKEN$/i,
  /(^|_)SECRETS?(_|$)/i,
  /(^|_)PASSWORD(_|$)/i,
  /(^|_)PASSWD(_|$)/i,
  /_CREDENTIALS?$/i,
  /^GOOGLE_APPLICATION_CREDENTIALS$/i,
];

export interface ShellEnvironmentOptions {
  /** The environment to start from, normally `process.env`. */
  parent: NodeJS.ProcessEnv;
  /** The session's `shell_env` (session create params): always added, it is the caller's explicit choice. */
  sessionEnv?: Readonly<Record<string, string>>;
  /** Names of parent variables to pass even though they look like secrets. */
  grantedNames?: readonly string[];
  /** More parent variables to leave out (e.g. the `bearer_token_env` names of self-hosted servers). */
  deniedNames?: readonly string[];
}

/** True when `name` looks like it holds a credential. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME_PATTERNS.some((pattern) => pattern.test(name));
}

/** The environment of a shell command: the parent's minus secrets, plus grants and the session's `shell_env`. */
export function buildShellEnvironment(options: ShellEnvironmentOptions): NodeJS.ProcessEnv {
  const granted = new Set(options.grantedNames ?? []);
  const denied = new Set(options.deniedNames ?? []);
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(options.parent)) {
    if (value === undefined) continue;
    if (!granted.has(name) && (denied.has(name) || isSecretName(name))) continue;
    env[name] = value;
  }
  return { ...env, ...(options.sessionEnv ?? {}) };
}
