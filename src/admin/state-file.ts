import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../engine/create-engine.js';
import { isMockError } from '../engine/errors.js';
import { parseJsonFileSync } from '../engine/parse-json-file.js';
import type { WorldSnapshot } from '../store/world-snapshot.js';
import { writeJsonAtomically } from './write-json-atomically.js';

export const STATE_FILE_VERSION = 1;

/** The file: every session's world, and the import generation so ids made after a restart are new ones. */
export interface StateFileContent {
  attrmock: number;
  seed: number;
  generation: number;
  savedAt: string;
  sessions: Record<string, WorldSnapshot>;
  /** The first write-log segment the snapshot does not hold (files from before the log have none: 0). */
  log?: number;
}

/** A state file attrmock will not use, and so will not overwrite either. */
export class StateFileError extends Error {
  constructor(file: string, reason: string, advice = 'attrmock leaves it untouched: fix it, move it away, or start without --state-file') {
    super(`state file ${file} ${reason}; ${advice}`);
    this.name = 'StateFileError';
  }
}

/** Every session's world as the file stores it. */
export function stateFileContent(engine: Engine, now: Date, log?: number): StateFileContent {
  const sessions: Record<string, WorldSnapshot> = {};
  for (const session of engine.worlds.sessions()) sessions[session] = engine.exportWorld(session);
  return { attrmock: STATE_FILE_VERSION, seed: engine.seed, generation: engine.generation, savedAt: now.toISOString(), sessions, log };
}

/**
 * Loads the file into the engine. Returns false when there is no file yet; throws StateFileError when it cannot
 * be read, parsed or imported, after which the engine is half-loaded and meant to be discarded (start-up fails).
 */
export async function loadStateFile(engine: Engine, file: string): Promise<StateFileContent | undefined> {
  const content = await readStateFile(file);
  if (content === undefined) return undefined;
  const sessions = checkContent(file, content);
  const generation = (content as StateFileContent).generation + 1;
  try {
    for (const [session, world] of Object.entries(sessions)) engine.importWorld(world, session, generation);
  } catch (error) {
    throw new StateFileError(file, `holds a state attrmock cannot import (${isMockError(error) ? error.detail.message : (error as Error).message})`);
  }
  return content as StateFileContent;
}

/**
 * The file's JSON, read a chunk at a time (a world's text may pass V8's longest string), or undefined when
 * there is no file. A parse error names the byte where the JSON breaks, never the text around it: the file
 * holds credentials, and error messages end up in CI logs.
 */
export async function readStateFile(file: string): Promise<unknown> {
  try {
    await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseJsonFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined) throw new StateFileError(file, `cannot be read (${code})`);
    const at = /absolute position "(\d+)"/.exec((error as Error).message)?.[1];
    throw new StateFileError(file, at === undefined ? 'is not valid JSON (it ends before its JSON does)' : `is not valid JSON (at byte ${at})`);
  }
}

function checkContent(file: string, content: unknown): Record<string, WorldSnapshot> {
  const c = content as Partial<StateFileContent> | null;
  if (typeof c !== 'object' || c === null || c.attrmock !== STATE_FILE_VERSION) {
    throw new StateFileError(file, `is not an attrmock state file (version ${STATE_FILE_VERSION})`);
  }
  if (!Number.isInteger(c.generation) || typeof c.sessions !== 'object' || c.sessions === null || Array.isArray(c.sessions)) {
    throw new StateFileError(file, 'lacks generation or sessions');
  }
  if (c.log !== undefined && !(Number.isSafeInteger(c.log) && c.log >= 0)) throw new StateFileError(file, 'has a log number that is not a whole number');
  return c.sessions;
}

/** The first save fails start-up; a folder that does not exist is the usual reason, and has a usual fix. */
export async function writeFirstSave(file: string, content: StateFileContent): Promise<void> {
  try {
    await writeJsonAtomically(file, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const folder = path.dirname(path.resolve(file));
    if (code === 'ENOENT') throw new StateFileError(file, `cannot be created: its folder ${folder} does not exist`, `create it (mkdir -p ${folder}) or choose another --state-file`);
    if (code === 'EACCES' || code === 'EPERM') throw new StateFileError(file, `cannot be created: no permission to write in ${folder}`, 'choose a folder you may write in');
    throw new StateFileError(file, `cannot be written (${code ?? (error as Error).message})`, 'choose another --state-file');
  }
}
