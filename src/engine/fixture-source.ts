import { readFileSync } from 'node:fs';
import { MAX_CACHED_CHARS, parseWithCache } from './parse-cache.js';

/** Gives a fresh copy of a vendor's parsed fixture each time a world is seeded from it. */
export type FixtureSource = () => unknown;

/**
 * Fixtures up to this size stay parsed in memory for resets and new sessions. Larger ones are read again
 * from disk when another world is seeded: a kept parsed copy of a million-value fixture would take as much
 * memory as the world served from it.
 */
const KEEP_PARSED_CHARS = MAX_CACHED_CHARS;

/** Reads a fixture file (YAML, or JSON by extension) and returns its source. */
export async function fixtureSource(file: string): Promise<FixtureSource> {
  const parse = async (text: string): Promise<unknown> => (file.endsWith('.json') ? JSON.parse(text) : (await import('yaml')).parse(text));
  // `size` is learned only when the file is parsed here; a cache hit means a file under the cache's own limit.
  let size = 0;
  const parsed = await parseWithCache(file, 'fixture', (text) => {
    size = text.length;
    return parse(text);
  });
  if (size <= KEEP_PARSED_CHARS) return () => structuredClone(parsed);
  const yaml = file.endsWith('.json') ? undefined : await import('yaml');
  let first: unknown = parsed;
  return () => {
    const text = first === undefined ? readFileSync(file, 'utf8') : '';
    const value = first ?? (yaml ? yaml.parse(text) : JSON.parse(text));
    first = undefined;
    return value;
  };
}
