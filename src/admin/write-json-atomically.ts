import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Arrays are always walked element by element (a vendor's list of a million values is one array); objects are
 * walked down to the depth of a vendor's snapshot (file → sessions → session → vendor → list) and stringified
 * whole below it, where they are single records.
 */
const OBJECT_WALK_DEPTH = 5;
const FLUSH_BYTES = 1024 * 1024;

/** The file holds every credential of the world: only its owner may read it. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `file` for writing only if nothing is there, never through a symlink, readable by its owner alone.
 * A leftover (a crash's temp file, or a link planted to redirect the write) is removed first: unlink removes
 * a link itself, never what it points at.
 */
export async function createPrivateFile(file: string, flags = constants.O_WRONLY) {
  await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  return open(file, flags | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, PRIVATE_FILE_MODE);
}

/**
 * Writes JSON so a reader only ever sees the old file or the new one: it goes to `<file>.tmp`, is synced to
 * disk, then renamed over `<file>`. It is written in ~1 MiB pieces, each awaited, so a world of a million
 * values neither blocks the server for the whole write nor builds one string past V8's length limit.
 */
export function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  return writeChunksAtomically(file, jsonParts(value, 0));
}

/**
 * The JSON of `value` now, as ~1 MiB strings: a snapshot of state that goes on changing while it is written
 * must be taken at one instant, and no one string may pass V8's length limit.
 */
export function captureJson(value: unknown): string[] {
  return [...inPieces(jsonParts(value, 0))];
}

/** writeJsonAtomically for JSON already cut in pieces (captureJson) or still to be cut (jsonParts). */
export async function writeChunksAtomically(file: string, parts: Iterable<string>): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await createPrivateFile(temporary);
  try {
    for (const piece of inPieces(parts)) await handle.write(piece);
    await handle.write('\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncDirectory(path.dirname(file));
}

/** Joins small parts into strings of about FLUSH_BYTES. */
function* inPieces(parts: Iterable<string>): Generator<string> {
  let pending: string[] = [];
  let size = 0;
  for (const part of parts) {
    pending.push(part);
    size += part.length;
    if (size < FLUSH_BYTES) continue;
    yield pending.join('');
    pending = [];
    size = 0;
  }
  if (pending.length > 0) yield pending.join('');
}

function* jsonParts(value: unknown, depth: number): Generator<string> {
  if (typeof value !== 'object' || value === null || (!Array.isArray(value) && depth >= OBJECT_WALK_DEPTH)) {
    yield JSON.stringify(value) ?? 'null';
  } else if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* jsonParts(value[i], depth + 1);
    }
    yield ']';
  } else {
    yield '{';
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* jsonParts(item, depth + 1);
    }
    yield '}';
  }
}

/** Makes a rename or a new file durable; some platforms cannot open a directory, and lose only that guarantee. */
export async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
