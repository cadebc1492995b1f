/** A pino line as JSON gives it. */
type LogRecord = Record<string, unknown> & { level?: number; time?: number; msg?: string };

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const SHOWN_ELSEWHERE = new Set(['level', 'time', 'msg', 'name', 'pid', 'hostname']);

/**
 * One readable line for a terminal (`--log-format pretty`), from what would be the JSON log line:
 * `12:00:01.234 INFO  POST /snag/api/website_user_attributes/values 200 3.1 ms createWebsiteUserAttributeValues`.
 */
export function prettyLogLine(json: string): string {
  let record: LogRecord;
  try {
    record = JSON.parse(json) as LogRecord;
  } catch {
    return json;
  }
  const time = new Date(record.time ?? Date.now()).toISOString().slice(11, 23);
  const level = (LEVELS[record.level ?? 30] ?? 'INFO').padEnd(5);
  const text = record.msg === 'request' ? requestText(record) : `${record.msg ?? ''}${fields(record, SHOWN_ELSEWHERE)}`;
  return `${time} ${level} ${text}\n`;
}

function requestText(r: LogRecord): string {
  const vendor = String(r.vendor ?? '');
  const path = String(r.path ?? '');
  const mounted = path.startsWith(`/${vendor}/`) ? path : `/${vendor}${path}`;
  const query = r.query && typeof r.query === 'object' && Object.keys(r.query).length ? `?${new URLSearchParams(r.query as Record<string, string>)}` : '';
  const parts = [`${r.method} ${mounted}${query}`, String(r.status), `${r.ms} ms`];
  if (r.operationId) parts.push(String(r.operationId));
  if (r.session) parts.push(`session=${r.session}`);
  if (Array.isArray(r.faults) && r.faults.length) parts.push(`faults=${r.faults.join(',')}`);
  if (r.delivery) parts.push(`delivery=${r.delivery}`);
  if (Array.isArray(r.invalid) && r.invalid.length) parts.push(`invalid: ${r.invalid.join('; ')}`);
  return parts.join(' ');
}

function fields(record: LogRecord, skip: Set<string>): string {
  const rest = Object.entries(record).filter(([key, value]) => !skip.has(key) && value !== undefined);
  return rest.map(([key, value]) => ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join('');
}
