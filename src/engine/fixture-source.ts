import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';

/** Gives a fresh copy of a vendor's parsed fixture each time a world is seeded from it. */
export type FixtureSource = () => unknown;

/**
 * Fixtures up to this size stay parsed in memory for resets and new sessions. Larger ones are read again
 * from disk when another world is seeded: a kept parsed copy of a million-value fixture would take as much
 * memory as the world served from it.
 */
const KEEP_PARSED_CHARS = 8 * 1024 * 1024;

/** Reads a fixture file (YAML, or JSON by extension) and returns its source. */
export async function fixtureSource(file: string): Promise<FixtureSource> {
  const text = await readFile(file, 'utf8');
  const parsed = parseFixture(file, text);
  if (text.length <= KEEP_PARSED_CHARS) return () => structuredClone(parsed);
  let first: unknown = parsed;
  return () => {
    const value = first ?? parseFixture(file, readFileSync(file, 'utf8'));
    first = undefined;
    return value;
  };
}

function parseFixture(file: string, text: string): unknown {
  return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
}
