import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Bumped whenever what is cached changes shape, so an old entry is never read as a new one. */
const FORMAT = 'attrmock-parse-cache-2';

/** Caching only pays for small and medium files; a huge fixture is read the usual way. */
export const MAX_CACHED_CHARS = 8 * 1024 * 1024;

/**
 * Returns `produce(text)` for a file, from a JSON copy kept in a private folder (see privateCacheDir) keyed by a hash
 * of the file's content, so an unchanged spec or fixture is not parsed from YAML (and its refs not resolved)
 * again at the next start. Start-up time is what users feel in every CI job. A cache that cannot be read or
 * written is passed over; `ATTRMOCK_PARSE_CACHE=off` turns it off.
 */
export async function parseWithCache<T>(
  file: string,
  kind: string,
  produce: (text: string) => Promise<T> | T,
  /** False for content whose meaning depends on other files (a spec with external `$ref`s). */
  cacheable: (text: string) => boolean = () => true,
): Promise<T> {
  const text = await readFile(file, 'utf8');
  if (process.env.ATTRMOCK_PARSE_CACHE === 'off' || text.length > MAX_CACHED_CHARS || !cacheable(text)) return produce(text);
  const key = createHash('sha256').update(FORMAT).update('\0').update(kind).update('\0').update(text).digest('hex').slice(0, 40);
  const dir = await privateCacheDir();
  if (dir === undefined) return produce(text);
  const cached = path.join(dir, `${kind}-${key}.json`);
  const entry = await readEntry(cached, key);
  if (entry.found) return entry.value as T;
  const value = await produce(text);
  await store(cached, { key, value });
  return value;
}

/**
 * The cache holds fixture credentials, so it lives in a folder of this user's own (`attrmock-cache-<uid>` under the
 * temp folder, mode 0700). A folder someone else owns, a symlink, or one others may read or write is refused
 * (undefined: parse without the cache), as a planted entry there would become the server's world.
 */
export async function privateCacheDir(): Promise<string | undefined> {
  const uid = process.getuid?.();
  const dir = process.env.ATTRMOCK_CACHE_DIR ?? path.join(os.tmpdir(), uid === undefined ? 'attrmock-cache' : `attrmock-cache-${uid}`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const info = await lstat(dir);
    if (!info.isDirectory()) return undefined;
    if (uid !== undefined && (info.uid !== uid || (info.mode & 0o077) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** An entry is used only if it is a plain file of this user's that nobody else may write, for this very content. */
async function readEntry(file: string, key: string): Promise<{ found: true; value: unknown } | { found: false }> {
  try {
    const info = await lstat(file);
    const uid = process.getuid?.();
    if (!info.isFile() || (uid !== undefined && (info.uid !== uid || (info.mode & 0o022) !== 0))) return { found: false };
    const entry = JSON.parse(await readFile(file, 'utf8')) as { key?: unknown; value?: unknown };
    return entry.key === key && 'value' in entry ? { found: true, value: entry.value } : { found: false };
  } catch {
    return { found: false };
  }
}

/** Written to a temporary name (exclusively, mode 0600) and renamed, so a reader never sees half a file. */
async function store(file: string, entry: { key: string; value: unknown }): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(entry), { flag: 'wx', mode: 0o600 });
    await rename(temporary, file);
  } catch {
    /* a value JSON cannot hold, or a read-only temp folder: serve without the cache */
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
