import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packageRoot } from '../../src/package-root.js';

/** The spec's name when unpacked. */
export const FULL_LOOKER_SPEC_FILE = 'Looker.4.0.oas.json';

/**
 * Looker's complete API 4.0 spec (4.0.26.12, ~480 operations, ~2 MB), kept gzipped beside this file (found from
 * the package root, since the benchmark runs this module from dist/): a copy of
 * the project's reference material (`../shared/vendor-specs/Looker.4.0.oas.json`), so the large-spec test and
 * the benchmark run from any clone, not only from one checked out next to that folder.
 */
const PACKED = path.join(packageRoot(), 'test', 'reference', `${FULL_LOOKER_SPEC_FILE}.gz`);

/** Writes the spec into `dir` and returns the file's path. */
export function unpackFullLookerSpec(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, FULL_LOOKER_SPEC_FILE);
  writeFileSync(file, gunzipSync(readFileSync(PACKED)));
  return file;
}
