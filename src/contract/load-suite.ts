import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { suiteSchema } from './suite-schema.js';
import type { Suite } from './types.js';

const validateSuite = new Ajv({ allErrors: true, strict: false }).compile(suiteSchema);

/** Reads and checks one suite file; an invalid suite throws an error naming the file and the places. */
export async function loadSuite(file: string): Promise<Suite> {
  const data: unknown = parseYaml(await readFile(file, 'utf8'));
  if (!validateSuite(data)) {
    const problems = (validateSuite.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ');
    throw new Error(`${file} is not a valid contract suite: ${problems}`);
  }
  return { ...(data as unknown as Omit<Suite, 'file'>), file };
}

/** Every suite of a folder (`*.yaml`, `*.yml`), in file-name order. */
export async function loadSuites(dir: string): Promise<Suite[]> {
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(names.map((name) => loadSuite(path.join(dir, name))));
}
