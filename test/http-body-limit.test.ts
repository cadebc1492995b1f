import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { SNAG_VALUES_PATH } from './support/admin.js';
import { flood } from './support/raw-http.js';
import { SNAG } from './support/snag-world.js';

let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent' });
});
afterAll(() => mock.close());

describe('a body over the limit (1 MiB by default)', () => {
  const head = (extra: string) =>
    `POST ${SNAG_VALUES_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-KEY: ${SNAG.key}\r\nContent-Type: application/json\r\n${extra}\r\n`;
  const TOTAL = 12 * 1024 * 1024;

  it('is read off to its end before the 413, declared or streamed, so the sender is never cut off mid-body', async () => {
    const declared = await flood(mock.port, head(`Content-Length: ${TOTAL}\r\n`), Buffer.alloc(64 * 1024, 0x20), TOTAL, 20_000);
    expect(declared).toMatchObject({ statusLine: 'HTTP/1.1 413 Payload Too Large', writtenWhenAnswered: TOTAL });
    const chunk = `10000\r\n${' '.repeat(0x10000)}\r\n`;
    const chunks = TOTAL / 0x10000;
    const streamed = await flood(mock.port, head('Transfer-Encoding: chunked\r\n'), chunk, chunk.length * chunks, 20_000);
    expect(streamed.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(streamed.writtenWhenAnswered).toBe(chunk.length * chunks);
  });

  it('is answered 413 that Node fetch sees, every time, for a 12 MB body', async () => {
    const body = JSON.stringify({ data: [], padding: 'x'.repeat(12 * 1024 * 1024) });
    const outcomes: Array<number | string> = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${mock.url}${SNAG_VALUES_PATH}`, {
        method: 'POST',
        headers: { 'x-api-key': SNAG.key, 'content-type': 'application/json' },
        body,
      }).catch((error: Error & { cause?: { code?: string } }) => `${error.message} ${error.cause?.code ?? ''}`);
      outcomes.push(typeof res === 'string' ? res : res.status);
      if (typeof res !== 'string') await res.arrayBuffer();
    }
    expect(outcomes).toEqual([413, 413, 413, 413, 413]);
  });
});
