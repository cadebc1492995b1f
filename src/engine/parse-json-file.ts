import { closeSync, openSync, readSync } from 'node:fs';
import { JSONParser } from '@streamparser/json';

const CHUNK_BYTES = 1 << 20;

/**
 * Parses a JSON file read a chunk at a time, so its text is never held whole: for a generated fixture of a
 * million values the text alone is ~225 MB, and text plus parsed document is what pushed seeding past 1 GiB.
 * Synchronous, because a world is seeded synchronously (resets and new sessions re-read the file).
 * Same result as JSON.parse, `__proto__` keys included; slower (~55 MB/s here against ~150).
 */
export function parseJsonFileSync(file: string): unknown {
  const parser = new JSONParser({ paths: ['$'], keepStack: true });
  let result: unknown;
  parser.onValue = ({ value }) => {
    result = value;
  };
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) parser.write(buffer.subarray(0, read));
    // The parser ends itself once the top-level value is complete; trailing non-whitespace is an error there.
    if (!parser.isEnded) parser.end();
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
  return result;
}
