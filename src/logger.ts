import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** Query parameters whose values are credentials (Looker's login takes them in the query string). */
const SECRET_QUERY = /^(client_secret|client_id|access_token|token|api_key|apikey|password|secret|key)$/i;

/**
 * One JSON line per event. Secrets never reach it: request logs carry no headers or bodies, query values of
 * credential parameters are replaced, and the redact paths catch anything logged by mistake.
 */
export function createLogger(level: LevelWithSilent = 'info'): Logger {
  return pino({
    level,
    base: { name: 'attrmock' },
    redact: {
      paths: ['headers.authorization', 'headers["x-api-key"]', 'headers.cookie', '*.client_secret', '*.password', '*.token', '*.access_token', 'client_secret', 'password', 'token', 'access_token'],
      censor: '[REDACTED]',
    },
  });
}

/** `a=1&client_secret=s` → `a=1&client_secret=[REDACTED]` */
export function redactQuery(query: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[key] = SECRET_QUERY.test(key) ? '[REDACTED]' : value;
  }
  return out;
}
