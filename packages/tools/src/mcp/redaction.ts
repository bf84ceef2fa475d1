import { isStdioServerConfig, type McpServerConfig } from './server-config.js';

const MASK = '***';
/** Shorter values would mask ordinary words in messages; real secrets are longer. */
const MIN_SECRET_LENGTH = 4;

/** A URL fit for a message: no user, no password, no query (tokens often travel there). */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return '<invalid url>';
  }
}

/**
 * Masks a server's secrets in any text before it becomes an error message, a status detail or a log
 * line (reliability row 37): env values, header values, and the URL's credentials and query.
 */
export class SecretRedactor {
  private readonly secrets: readonly string[];
  private readonly rawUrl: string | undefined;

  constructor(config: McpServerConfig) {
    const values: string[] = [];
    if (isStdioServerConfig(config)) {
      values.push(...Object.values(config.env ?? {}));
    } else {
      values.push(...Object.values(config.headers ?? {}));
      values.push(...urlSecrets(config.url));
      this.rawUrl = config.url;
    }
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = [...new Set(values.filter((value) => value.length >= MIN_SECRET_LENGTH))].sort(
      (a, b) => b.length - a.length,
    );
  }

  redact(text: string): string {
    let result = this.rawUrl === undefined ? text : text.split(this.rawUrl).join(displayUrl(this.rawUrl));
    for (const secret of this.secrets) result = result.split(secret).join(MASK);
    return result;
  }
}

function urlSecrets(raw: string): string[] {
  try {
    const url = new URL(raw);
    const parts = [
      url.username,
      url.password,
      decodeURIComponent(url.username),
      decodeURIComponent(url.password),
    ];
    for (const value of url.searchParams.values()) parts.push(value);
    if (url.search.length > 1) parts.push(url.search.slice(1));
    if (url.username !== '' || url.password !== '') {
      const basic = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      parts.push(Buffer.from(basic).toString('base64'));
    }
    return parts.filter((part) => part !== '');
  } catch {
    return [];
  }
}
