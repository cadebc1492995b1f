import { readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../engine/create-engine.js';
import type { WriteCommand } from '../engine/write-command.js';
import { LogSegment, segmentFile, type SegmentHeader } from './log-segment.js';
import { loadStateFile, stateFileContent, StateFileError, writeFirstSave } from './state-file.js';
import { captureJson, writeChunksAtomically } from './write-json-atomically.js';

/** A snapshot is due once the live segment holds this much: it bounds what a start replays. */
const SNAPSHOT_AFTER_BYTES = 16 * 1024 * 1024;
const SNAPSHOT_AFTER_LINES = 50_000;

export interface FileLogStoreOptions {
  now(): Date;
  /** A snapshot or a log write failed; the store goes on and saves again. */
  onError(error: Error, what: string): void;
  /** Replay skipped a line that never finished writing (never acknowledged). */
  onSkippedLine?(file: string, line: number): void;
  /** Writes in the live segment that make a snapshot due (default 50,000; tests lower it). */
  snapshotAfterLines?: number;
}

/**
 * `--state-file PATH`: the snapshot at PATH plus a log of the writes since, in segments `PATH.log.<n>`.
 *
 * Each 2xx write's command is appended to the live segment and synced before its answer goes out (LogSegment's
 * group commit). Snapshots are taken at one instant (the state is captured synchronously, written in the
 * background); a snapshot holding everything before segment n is saved with `log: n`, and segments below n are
 * deleted behind it. An admin change (import, reset, scenario) is no write command: it is a checkpoint, a
 * snapshot whose new segment `requires` it, and whose writes are acknowledged only once it is on disk; a start
 * replays a segment only on a snapshot it may follow, so a write is never replayed on the wrong world.
 */
export class FileLogStore {
  private segment!: LogSegment;
  private snapshots: Promise<void> = Promise.resolve();
  /** The lowest segment that may still be on disk; a snapshot deletes from here up to its own `log`. */
  private firstSegment = 0;

  private constructor(private readonly engine: Engine, private readonly file: string, private readonly options: FileLogStoreOptions) {}

  /** Loads the snapshot, replays the log after it, then saves a fresh snapshot so the next start replays nothing of it. */
  static async open(engine: Engine, file: string, options: FileLogStoreOptions): Promise<FileLogStore> {
    const store = new FileLogStore(engine, file, options);
    const loaded = await loadStateFile(engine, file);
    const base = loaded?.log ?? 0;
    const segments = await listSegments(file);
    for (const segment of segments.filter((n) => n >= base)) if (!(await store.replaySegment(segment, base))) break;
    const next = Math.max(base, ...segments.map((n) => n + 1));
    await writeFirstSave(file, stateFileContent(engine, options.now(), next));
    await deleteSegments(file, segments);
    store.firstSegment = next;
    store.segment = store.newSegment({ attrmockLog: 1, segment: next, requires: next }, Promise.resolve());
    return store;
  }

  /** Appends a write's command; resolves once it is on disk (answer the write then), rejects if it could not be. */
  append(command: string): Promise<void> {
    const done = this.segment.append(command);
    if (this.segment.bytes > SNAPSHOT_AFTER_BYTES || this.segment.lines >= (this.options.snapshotAfterLines ?? SNAPSHOT_AFTER_LINES)) this.rotate(false);
    return done;
  }

  /** A change that is not a write command (an admin import, reset or scenario): saved as a checkpoint. */
  changed(): void {
    this.rotate(true);
  }

  /** Resolves once every write so far is synced and every snapshot begun is written (or has failed and been reported). */
  async flush(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.snapshots) {
      seen = this.snapshots;
      await this.segment.drain();
      await seen;
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.segment.close();
  }

  /**
   * Starts segment n+1 and snapshots the state as it is now into a file that says `log: n+1`. A checkpoint's
   * segment may only follow that very snapshot, and holds its writes' answers until it is written.
   */
  private rotate(checkpoint: boolean): void {
    const old = this.segment;
    const next = old.header.segment + 1;
    let chunks: string[];
    try {
      chunks = captureJson(stateFileContent(this.engine, this.options.now(), next));
    } catch (error) {
      // The state cannot be written out at all: writes go on into the segment they were in, and a checkpoint's
      // failure is reported (its change is then lost on a crash, never half-replayed).
      this.options.onError(error as Error, 'snapshot');
      return;
    }
    const written = this.snapshots.then(() => writeChunksAtomically(this.file, chunks));
    this.snapshots = written.then(
      () => {
        const from = this.firstSegment;
        this.firstSegment = Math.max(from, next);
        return deleteSegments(this.file, range(from, next));
      },
      (error: Error) => this.options.onError(error, 'snapshot'),
    );
    this.segment = this.newSegment({ attrmockLog: 1, segment: next, requires: checkpoint ? next : old.header.requires }, checkpoint ? written : Promise.resolve());
    void old.close();
  }

  private newSegment(header: SegmentHeader, ready: Promise<void>): LogSegment {
    return new LogSegment(this.file, header, ready, (error) => {
      this.options.onError(error, 'log write');
      // A part-written line may end that segment, and a checkpoint that failed must be taken again.
      if (this.segment.header.segment === header.segment) this.rotate(true);
    });
  }

  /** Replays one segment; false when it may not follow the loaded snapshot (it, and all after it, are dropped). */
  private async replaySegment(segment: number, base: number): Promise<boolean> {
    const file = segmentFile(this.file, segment);
    const lines = (await readFile(file, 'utf8')).split('\n');
    const header = parseLine(lines[0] ?? '') as SegmentHeader | undefined;
    if (header?.attrmockLog !== 1 || header.segment !== segment || header.requires > base) return false;
    for (let i = 1; i < lines.length; i++) {
      if (lines[i] === '') continue;
      const command = parseLine(lines[i]!) as WriteCommand | undefined;
      // A line that does not parse was being written when the process stopped: its write was never answered.
      if (command === undefined) {
        this.options.onSkippedLine?.(file, i + 1);
        continue;
      }
      try {
        this.engine.replay(command);
      } catch (error) {
        throw new StateFileError(file, `line ${i + 1} cannot be replayed: ${(error as Error).message}`, 'attrmock leaves it untouched: move the log away to start from the snapshot alone');
      }
    }
    return true;
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

async function listSegments(file: string): Promise<number[]> {
  const prefix = `${path.basename(file)}.log.`;
  const names = await readdir(path.dirname(path.resolve(file))).catch(() => [] as string[]);
  return names
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => Number(name.slice(prefix.length)))
    .sort((a, b) => a - b);
}

async function deleteSegments(file: string, segments: number[]): Promise<void> {
  await Promise.all(segments.map((n) => unlink(segmentFile(file, n)).catch(() => undefined)));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
