import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_CACHED_CHARS, parseWithCache } from './parse-cache.js';

/** Gives a fresh copy of a vendor's parsed fixture each time a world is seeded from it: the caller may keep it. */
export type FixtureSource = () => unknown;

/**
 * Fixtures up to this size stay parsed in memory for resets and new sessions. Larger ones are read again
 * from disk when another world is seeded: a kept parsed copy of a million-value fixture would take as much
 * memory as the world served from it.
 */
const KEEP_PARSED_BYTES = MAX_CACHED_CHARS;

/** Reads a fixture file (YAML, or JSON by extension) and returns its source. */
export async function fixtureSource(file: string): Promise<FixtureSource> {
  const isJson = file.endsWith('.json');
  if ((await stat(file)).size > KEEP_PARSED_BYTES) {
    // Loaded only here: most runs have no large fixture, and every module loaded shows in start-up time.
    const yaml = isJson ? undefined : await import('yaml');
    const { parseJsonFileSync } = await import('./parse-json-file.js');
    const read = (): unknown => (yaml ? explained(file, () => yaml.parse(readFileSync(file, 'utf8'))) : parseJsonFileSync(file));
    // Parsed once now, so a broken file stops the start rather than the first reset.
    let first: unknown = read();
    return () => {
      const value = first ?? read();
      first = undefined;
      return value;
    };
  }
  const parsed = await parseWithCache(file, 'fixture', async (text) => {
    const yaml = isJson ? undefined : await import('yaml');
    return explained(file, () => (yaml ? yaml.parse(text) : JSON.parse(text)));
  });
  return () => structuredClone(parsed);
}

/** A parse error names the file and what to do, not only "Map keys must be unique at line 146". */
function explained<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const shown = path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file);
    throw new Error(`fixture ${shown} cannot be read: ${(error as Error).message.split('\n')[0]}. Fix the file there (or restore it with git checkout), or start with --fixtures pointing at another folder`);
  }
}
