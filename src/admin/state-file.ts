import { readFile } from 'node:fs/promises';
import type { Engine } from '../engine/create-engine.js';
import { isMockError } from '../engine/errors.js';
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
}

/** A state file attrmock will not use, and so will not overwrite either. */
export class StateFileError extends Error {
  constructor(file: string, reason: string) {
    super(`state file ${file} ${reason}; attrmock leaves it untouched: fix it, move it away, or start without --state-file`);
    this.name = 'StateFileError';
  }
}

/** Every session's world as the file stores it. */
export function stateFileContent(engine: Engine, now: Date): StateFileContent {
  const sessions: Record<string, WorldSnapshot> = {};
  for (const session of engine.worlds.sessions()) sessions[session] = engine.exportWorld(session);
  return { attrmock: STATE_FILE_VERSION, seed: engine.seed, generation: engine.generation, savedAt: now.toISOString(), sessions };
}

/**
 * Loads the file into the engine. Returns false when there is no file yet; throws StateFileError when it cannot
 * be read, parsed or imported, after which the engine is half-loaded and meant to be discarded (start-up fails).
 */
export async function loadStateFile(engine: Engine, file: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new StateFileError(file, `cannot be read (${(error as Error).message})`);
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, `is not valid JSON (${(error as Error).message})`);
  }
  const sessions = checkContent(file, content);
  const generation = (content as StateFileContent).generation + 1;
  try {
    for (const [session, world] of Object.entries(sessions)) engine.importWorld(world, session, generation);
  } catch (error) {
    throw new StateFileError(file, `holds a state attrmock cannot import (${isMockError(error) ? error.detail.message : (error as Error).message})`);
  }
  return true;
}

function checkContent(file: string, content: unknown): Record<string, WorldSnapshot> {
  const c = content as Partial<StateFileContent> | null;
  if (typeof c !== 'object' || c === null || c.attrmock !== STATE_FILE_VERSION) {
    throw new StateFileError(file, `is not an attrmock state file (version ${STATE_FILE_VERSION})`);
  }
  if (!Number.isInteger(c.generation) || typeof c.sessions !== 'object' || c.sessions === null || Array.isArray(c.sessions)) {
    throw new StateFileError(file, 'lacks generation or sessions');
  }
  return c.sessions;
}

/**
 * Saves after every change without letting a large world slow each write: at most one save is in flight; changes
 * made meanwhile coalesce into the one save queued after it, which exports the world as it is by then.
 */
export class StateSaver {
  private saving: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly content: () => unknown,
    private readonly onError: (error: Error) => void,
  ) {}

  changed(): void {
    this.dirty = true;
    this.saving ??= this.drain();
  }

  /** Resolves once every change made before the call is on disk. */
  async flush(): Promise<void> {
    while (this.saving) await this.saving;
  }

  private async drain(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      try {
        await writeJsonAtomically(this.file, this.content());
      } catch (error) {
        this.onError(error as Error);
      }
    }
    this.saving = undefined;
  }
}

/**
 * Loads `file` into the engine (or, when there is none yet, writes the seeded world to it at once, so a path
 * that cannot be written fails at start) and returns the saver that keeps it up to date.
 */
export async function openStateFile(engine: Engine, file: string, now: () => Date, onError: (error: Error) => void): Promise<StateSaver> {
  const loaded = await loadStateFile(engine, file);
  const saver = new StateSaver(file, () => stateFileContent(engine, now()), onError);
  if (!loaded) {
    await writeJsonAtomically(file, stateFileContent(engine, now()));
  }
  return saver;
}
