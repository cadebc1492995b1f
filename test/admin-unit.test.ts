import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../src/admin/journal.js';
import { parseLatency } from '../src/admin/latency.js';
import { redactBody, redactHeaders } from '../src/admin/redact.js';
import { writeJsonAtomically } from '../src/admin/write-json-atomically.js';

describe('writeJsonAtomically', () => {
  it('writes exactly what JSON.stringify would, for nested lists and records', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attrmock-json-'));
    try {
      const value = { a: 1, skip: undefined, s: { d: { v: { list: Array.from({ length: 3000 }, (_, i) => ({ i, deep: { x: [i, 'y'] }, none: null })), t: [[1, 2], [3]] } } } };
      await writeJsonAtomically(path.join(dir, 'f.json'), value);
      expect(await readFile(path.join(dir, 'f.json'), 'utf8')).toBe(`${JSON.stringify(value)}\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('journal and redaction', () => {
  it('lists newest first and drops the oldest past its capacity', () => {
    const journal = new Journal(2);
    for (const status of [200, 404, 500]) journal.add({ at: '', session: 'default', vendor: 'snag', method: 'GET', path: '/', query: {}, headers: {}, status, durationMs: 1 });
    expect(journal.list().map((e) => e.status)).toEqual([500, 404]);
    expect(journal.list({ status: '4xx' }).map((e) => e.status)).toEqual([404]);
  });

  it('redacts credentials in headers and in JSON and form bodies', () => {
    expect(redactHeaders({ authorization: 'token abc', 'x-api-key': 'k', accept: '*/*' })).toEqual({ authorization: 'token [REDACTED]', 'x-api-key': '[REDACTED]', accept: '*/*' });
    expect(redactBody(Buffer.from('{"a":{"client_secret":"s"}}'), 'application/json', 100)).toEqual({ a: { client_secret: '[REDACTED]' } });
    expect(redactBody(Buffer.from('client_id=i&client_secret=s&x=1'), 'application/x-www-form-urlencoded', 100)).toBe('client_id=%5BREDACTED%5D&client_secret=%5BREDACTED%5D&x=1');
  });

  it('reads latency as milliseconds or a range', () => {
    expect(parseLatency('100-300')).toEqual({ min: 100, max: 300 });
    expect(parseLatency(250)).toEqual({ min: 250, max: 250 });
    expect(parseLatency('300-100')).toMatch(/below the minimum/);
  });
});
