import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Bumped whenever what is cached changes shape, so an old entry is never read as a new one. */
const FORMAT = 'attrmock-parse-cache-1';

/** Caching only pays for small and medium files; a huge fixture is read the usual way. */
export const MAX_CACHED_CHARS = 8 * 1024 * 1024;

/**
 * Returns `produce(text)` for a file, from a JSON copy kept under the system's temp folder and keyed by a hash
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
  const cached = path.join(cacheDir(), `${kind}-${key}.json`);
  try {
    return JSON.parse(await readFile(cached, 'utf8')) as T;
  } catch {
    /* not cached yet, or unreadable: parse it */
  }
  const value = await produce(text);
  await store(cached, value);
  return value;
}

function cacheDir(): string {
  return process.env.ATTRMOCK_CACHE_DIR ?? path.join(os.tmpdir(), 'attrmock-cache');
}

/** Written to a temporary name and renamed, so a reader never sees half a file. */
async function store(file: string, value: unknown): Promise<void> {
  try {
    const text = JSON.stringify(value);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch {
    /* a value JSON cannot hold, or a read-only temp folder: serve without the cache */
  }
}
