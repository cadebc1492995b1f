import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startMock } from '../src/index.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

describe('the request log line (issue 21)', () => {
  it('gives the path with its mount, as the journal does', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const mock = await startMock({ port: 0, logger: pino({ level: 'info' }, sink) });
    try {
      await http(`${mock.url}/snag/api/website_user_attributes?limit=1`, { headers: { 'x-api-key': SNAG.key } });
      const [entry] = mock.control.journal.list();
      const logged = lines.map((line) => JSON.parse(line)).find((line) => line.msg === 'request');
      expect(logged.path).toBe('/snag/api/website_user_attributes');
      expect(logged.path).toBe(entry!.path);
    } finally {
      await mock.close();
    }
  });
});
