import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createPrivateFile, syncDirectory } from './write-json-atomically.js';

/** The first line of every segment: which snapshot it may be replayed on (see FileLogStore). */
export interface SegmentHeader {
  attrmockLog: 1;
  segment: number;
  /** Replay this segment only on a snapshot whose `log` is at least this. */
  requires: number;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * One file of the write log, appended to with a group commit: the lines of every write made in one turn of the
 * event loop go out in one write and one fdatasync, and each write's promise settles after that sync (or
 * after `ready`, for a segment that must wait for its snapshot). A write failing rejects that batch only.
 */
export class LogSegment {
  readonly file: string;
  private handle: Promise<FileHandle>;
  private pending: string[] = [];
  private waiters: Waiter[] = [];
  private scheduled = false;
  private writing: Promise<void> | undefined;
  /** Set by a failed batch: a part-written line may end the file, so nothing more is appended after it. */
  broken: Error | undefined;
  bytes = 0;
  lines = 0;

  constructor(base: string, readonly header: SegmentHeader, private readonly ready: Promise<void>, private readonly onBroken: (error: Error) => void) {
    this.file = segmentFile(base, header.segment);
    this.handle = this.create();
    // A failure here is each batch's to report; this keeps it from being an unhandled rejection meanwhile.
    this.handle.catch(() => undefined);
    this.ready.catch(() => undefined);
  }

  append(line: string): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    this.pending.push(line);
    this.bytes += line.length + 1;
    this.lines += 1;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  /** Settles once every line appended so far is synced (or has failed). */
  async drain(): Promise<void> {
    while (this.writing || this.scheduled) await (this.writing ?? new Promise((resolve) => setImmediate(resolve)));
  }

  async close(): Promise<void> {
    await this.drain();
    await (await this.handle.catch(() => undefined))?.close().catch(() => undefined);
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const run = this.writeBatch();
      this.writing = run;
      void run.then(() => {
        this.writing = undefined;
        if (this.pending.length > 0) this.schedule();
      });
    });
  }

  private async writeBatch(): Promise<void> {
    const lines = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    try {
      const handle = await this.handle;
      await handle.write(`${lines.join('\n')}\n`);
      await handle.datasync();
      await this.ready;
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error as Error);
      if (!this.broken) {
        this.broken = error as Error;
        this.onBroken(this.broken);
      }
    }
  }

  private async create(): Promise<FileHandle> {
    const handle = await createPrivateFile(this.file, constants.O_WRONLY | constants.O_APPEND);
    await handle.write(`${JSON.stringify(this.header)}\n`);
    await handle.datasync();
    await syncDirectory(path.dirname(this.file));
    return handle;
  }
}

export function segmentFile(base: string, segment: number): string {
  return `${base}.log.${segment}`;
}
