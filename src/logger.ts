import { pino, type Logger, type LevelWithSilent } from 'pino';
import { isSecretName } from './admin/redact.js';
import { prettyLogLine } from './pretty-log-line.js';

export type { Logger };


export type LogFormat = 'json' | 'pretty';

/**
 * One JSON line per event (`pretty`: one readable line, for a terminal). Secrets never reach it: request logs
 * carry no headers or bodies, query values of credential parameters are replaced, and the redact paths catch
 * anything logged by mistake.
 */
export function createLogger(level: LevelWithSilent = 'info', format: LogFormat = 'json'): Logger {
  const destination = format === 'pretty' ? { write: (line: string) => process.stdout.write(prettyLogLine(line)) } : undefined;
  return pino({
    level,
    base: { name: 'attrmock' },
    redact: {
      paths: ['headers.authorization', 'headers["x-api-key"]', 'headers.cookie', '*.client_secret', '*.password', '*.token', '*.access_token', 'client_secret', 'password', 'token', 'access_token'],
      censor: '[REDACTED]',
    },
  }, destination);
}

/**
 * The logger for the per-request line, which is built field by field from values already free of secrets
 * (no headers or bodies, `redactQuery` on the query). It skips the wildcard redact paths, which walked every
 * nested field of every line and cost ~5 % of a request's CPU.
 */
export function requestLineLogger(logger: Logger): Logger {
  return logger.child({}, { redact: [] });
}

/** `a=1&client_secret=s` → `a=1&client_secret=[REDACTED]` */
export function redactQuery(query: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    // One list of credential names for logs and journal (Looker's login takes them in the query string).
    out[key] = isSecretName(key) ? '[REDACTED]' : value;
  }
  return out;
}
