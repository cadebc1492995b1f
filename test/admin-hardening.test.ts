import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { admin, snagTeamValue, snagValueWrite, SNAG_VALUES_PATH } from './support/admin.js';
import { http } from './support/http.js';

/** The audit's cases (issue 20), each as written there. */
describe('admin API hardening (issue 20)', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent' });
  });
  afterAll(() => mock.close());

  it('refuses a misspelt or bracketed ?session= on reset and fault deletion instead of acting on every session', async () => {
    for (const query of ['sesion=w1', 'Session=w1', 'session[]=w1', 'session=w1&sesion=w2']) {
      await mock.reset();
      await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('kept'));
      await admin(mock.url, 'POST', '/faults', { vendor: 'snag', status: 500, session: 'w9' });
      const reset = await admin(mock.url, 'POST', `/reset?${query}`);
      expect(reset.status, query).toBe(400);
      expect(reset.body.message).toMatch(/unknown query parameter .*takes only session/);
      const cleared = await admin(mock.url, 'DELETE', `/faults?${query}`);
      expect(cleared.status, query).toBe(400);
      expect(await snagTeamValue(mock.url)).toBe('kept');
      expect((await admin(mock.url, 'GET', '/faults')).body.faults).toHaveLength(1);
    }
    for (const [method, path] of [['DELETE', '/requests?sesion=a'], ['GET', '/state?sesion=a'], ['PUT', '/state?sesion=a'], ['GET', '/faults?Session=a'], ['POST', '/faults?session=a'], ['DELETE', '/faults/f1?session=a'], ['POST', '/scenarios/snag-flaky?sesion=a']]) {
      expect((await admin(mock.url, method!, path!, method === 'PUT' ? { vendors: {} } : undefined)).status, `${method} ${path}`).toBe(400);
    }
    await mock.reset();
  });

  it('keeps admin bodies small but for a state import', async () => {
    const big = JSON.stringify({ vendor: 'snag', status: 500, pad: 'x'.repeat(2 * 1024 * 1024) });
    const rule = await http(`${mock.url}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(rule.status).toBe(413);
    const state = await http(`${mock.url}/__admin/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vendors: { nope: 'x'.repeat(2 * 1024 * 1024) } }) });
    expect(state.status).toBe(400);
    expect(state.body.message).not.toMatch(/too large|limit/);
  });

  it('answers a list of zeros with a capped error list', async () => {
    const zeros = await admin(mock.url, 'POST', '/faults', new Array(900).fill(0));
    expect(zeros.status).toBe(400);
    expect(zeros.body.errors).toHaveLength(51);
    expect(zeros.body.errors.at(-1)).toBe('… and 850 more');
  });

  it('caps the number of fault rules, since every request walks them', async () => {
    await mock.reset();
    const rules = Array.from({ length: 1000 }, () => ({ vendor: 'snag', latency: 1, session: 'nobody' }));
    expect((await admin(mock.url, 'POST', '/faults', rules)).status).toBe(201);
    const over = await admin(mock.url, 'POST', '/faults', { vendor: 'snag', status: 500 });
    expect(over.status).toBe(400);
    expect(over.body.message).toContain('at most 1000 fault rules');
    expect((await admin(mock.url, 'GET', '/faults')).body.faults).toHaveLength(1000);
    await mock.reset();
    expect((await admin(mock.url, 'POST', '/faults', [...rules, rules[0]])).status).toBe(400);
    expect((await admin(mock.url, 'GET', '/faults')).body.faults).toHaveLength(0);
  });
});

describe('rate limits key on the parsed credential (issue 20)', () => {
  it('gives token/Bearer/bearer/TOKEN spellings of one Looker token one budget', async () => {
    const clock = new Date('2026-03-01T10:00:00.000Z');
    const mock = await startMock({ port: 0, logLevel: 'silent', rateLimits: { looker: 2 }, now: () => clock });
    try {
      const login = await http(`${mock.url}/looker/api/4.0/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret' });
      const token = login.body.access_token as string;
      const statuses = [];
      for (const scheme of ['token', 'Bearer', 'bearer', 'TOKEN']) {
        statuses.push((await http(`${mock.url}/looker/api/4.0/user`, { headers: { authorization: `${scheme} ${token}` } })).status);
      }
      expect(statuses).toEqual([200, 200, 429, 429]);
    } finally {
      await mock.close();
    }
  });
});
