import { describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { admin, snagTeamValue, snagValueWrite, SNAG_VALUES_PATH } from './support/admin.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

const list = (mock: RunningMock, session: string, key: string = SNAG.key) =>
  http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': key, 'x-attrmock-session': session } });
const sessionNames = async (mock: RunningMock) => (await admin(mock.url, 'GET', '/sessions')).body.sessions.map((s: { session: string }) => s.session);

/** The audit's session cases (issue 20), and GET /__admin/sessions (issue 21). */
describe('sessions', () => {
  it('reserve the default session: right after a reset, 1,000 junk sessions do not lock it out', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent' });
    try {
      await admin(mock.url, 'POST', '/reset');
      for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => list(mock, `junk-${i + j}`, 'wrong-key')));
      const res = await http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
      expect(res.status).toBe(200);
      expect((await sessionNames(mock)).filter((name: string) => name.startsWith('junk'))).toEqual([]);
    } finally {
      await mock.close();
    }
  });

  it('are made only for a request that authenticates and succeeds', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', maxSessions: 2 });
    try {
      expect((await list(mock, 'wrong', 'snag-wrong-key')).status).toBe(403);
      const badLogin = await http(`${mock.url}/looker/api/4.0/login`, { method: 'POST', headers: { 'x-attrmock-session': 'bad-login', 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=nobody&client_secret=nothing' });
      expect(badLogin.status).toBe(404);
      expect(await sessionNames(mock)).toEqual(['default']);
      // Junk took no place: both places are still free for real workers.
      expect((await list(mock, 'worker-1')).status).toBe(200);
      expect((await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('two', 'worker-2'))).status).toBe(200);
      expect(await sessionNames(mock)).toEqual(['default', 'worker-1', 'worker-2']);
      // Past the cap, an unauthenticated request still gets the vendor's own answer, not attrmock's 429.
      expect((await list(mock, 'worker-3', 'snag-wrong-key')).status).toBe(403);
    } finally {
      await mock.close();
    }
  });

  it('evict the least recently used idle session for a new one; until one is idle, Retry-After says when', async () => {
    let clock = new Date('2026-03-01T10:00:00.000Z');
    const at = (seconds: number) => (clock = new Date(Date.parse('2026-03-01T10:00:00.000Z') + seconds * 1000));
    const mock = await startMock({ port: 0, logLevel: 'silent', maxSessions: 2, sessionIdleSeconds: 60, now: () => clock });
    try {
      at(0);
      expect((await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('a-value', 'a'))).status).toBe(200);
      at(10);
      expect((await list(mock, 'b')).status).toBe(200);
      at(20);
      const refused = await list(mock, 'c');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('40');
      at(30);
      expect((await list(mock, 'a')).status).toBe(200); // a used again: b is now the least recently used
      at(71);
      expect((await list(mock, 'c')).status).toBe(200);
      expect(await sessionNames(mock)).toEqual(['default', 'a', 'c']);
      expect(await snagTeamValue(mock.url, 'a')).toBe('a-value');
    } finally {
      await mock.close();
    }
  });

  it('cap ?session= on the admin routes too, and an export of an unknown session makes no world', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', maxSessions: 1 });
    try {
      expect((await admin(mock.url, 'GET', '/state?session=ghost')).status).toBe(200);
      expect(await sessionNames(mock)).toEqual(['default']);
      const exported = (await admin(mock.url, 'GET', '/state')).body;
      expect((await admin(mock.url, 'PUT', '/state?session=a', exported)).status).toBe(200);
      const put = await admin(mock.url, 'PUT', '/state?session=b', exported);
      expect(put.status).toBe(429);
      expect(put.body.message).toContain('at most 1 sessions');
      expect((await admin(mock.url, 'POST', '/scenarios/snag-flaky?session=b')).status).toBe(429);
      expect(await sessionNames(mock)).toEqual(['default', 'a']);
      expect((await admin(mock.url, 'PUT', '/state?session=a', exported)).status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it('bound their total memory: large worlds lower the cap', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', maxWorldBytes: 100_000 });
    try {
      const { body } = await admin(mock.url, 'GET', '/sessions');
      expect(body.maxSessions).toBe(1);
      expect((await list(mock, 'a')).status).toBe(200);
      expect((await list(mock, 'b')).status).toBe(429);
    } finally {
      await mock.close();
    }
  });

  it('are listed by GET /__admin/sessions, least recently used first, with when each was last used', async () => {
    const clock = new Date('2026-03-01T10:00:00.000Z');
    const mock = await startMock({ port: 0, logLevel: 'silent', now: () => clock });
    try {
      await list(mock, 'worker-1');
      const { status, body } = await admin(mock.url, 'GET', '/sessions');
      expect(status).toBe(200);
      expect(body).toEqual({
        sessions: [{ session: 'default', lastUsed: expect.any(String) }, { session: 'worker-1', lastUsed: '2026-03-01T10:00:00.000Z' }],
        count: 2,
        maxSessions: 1000,
      });
      expect((await admin(mock.url, 'GET', '/sessions?session=x')).status).toBe(400);
    } finally {
      await mock.close();
    }
  });
});
