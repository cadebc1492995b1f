import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { admin, SNAG_VALUES_PATH, snagTeamValue, snagValueWrite } from './support/admin.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

let mock: RunningMock;
const write = (value: string, session?: string) => http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite(value, session));
const attributes = (session?: string) =>
  http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key, ...(session ? { 'x-attrmock-session': session } : {}) } });

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('GET and PUT /__admin/state', () => {
  it('round-trips: an exported world imported after a reset answers as before', async () => {
    await write('Arsenal');
    const exported = await admin(mock.url, 'GET', '/state');
    expect(exported.status).toBe(200);
    expect(Object.keys(exported.body.vendors).sort()).toEqual(['lightdash', 'looker', 'snag']);
    await admin(mock.url, 'POST', '/reset');
    expect(await snagTeamValue(mock.url)).toBeUndefined();
    const imported = await admin(mock.url, 'PUT', '/state', exported.body);
    expect(imported.body).toEqual({ imported: ['snag', 'looker', 'lightdash'], session: 'default' });
    expect(await snagTeamValue(mock.url)).toBe('Arsenal');
    expect((await admin(mock.url, 'GET', '/state')).body.vendors).toEqual(exported.body.vendors);
  });

  it('gives new ids after an import that do not repeat ids the seed already gave', async () => {
    const first = await http(`${mock.url}/snag/api/website_user_attributes`, { method: 'POST', headers: { 'x-api-key': SNAG.key }, json: { data: [{ label: 'Plan' }] } });
    await admin(mock.url, 'PUT', '/state', (await admin(mock.url, 'GET', '/state')).body);
    const second = await http(`${mock.url}/snag/api/website_user_attributes`, { method: 'POST', headers: { 'x-api-key': SNAG.key }, json: { data: [{ label: 'Country' }] } });
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
    expect((await attributes()).body.data.map((a: any) => a.label)).toEqual(['Tier', 'Favourite team', 'Plan', 'Country']);
  });

  it('imports all or nothing: one broken vendor leaves every vendor as it was', async () => {
    await write('kept');
    const { body } = await admin(mock.url, 'GET', '/state');
    body.vendors.snag.attributes = [];
    body.vendors.looker = { nonsense: true };
    const res = await admin(mock.url, 'PUT', '/state', body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^(snag|looker): /);
    expect(await snagTeamValue(mock.url)).toBe('kept');
  });

  it('names the vendor exactly once when its snapshot does not import', async () => {
    const looker = await admin(mock.url, 'PUT', '/state', { vendors: { looker: { version: 2 } } });
    expect(looker.status).toBe(400);
    expect(looker.body).toEqual({ message: 'looker: snapshot.version: must be 1' });
    const lightdash = await admin(mock.url, 'PUT', '/state', { vendors: { lightdash: 'nonsense' } });
    expect(lightdash.body.message).toMatch(/^lightdash: (?!lightdash: )/);
    const snag = await admin(mock.url, 'PUT', '/state', { vendors: { snag: { attributes: 'nonsense' } } });
    expect(snag.body.message).toMatch(/^snag: (?!snag)/);
  });

  it('refuses an unknown vendor and a body without vendors', async () => {
    expect((await admin(mock.url, 'PUT', '/state', { vendors: { hubspot: {} } })).body.message).toContain('unknown vendor hubspot');
    expect((await admin(mock.url, 'PUT', '/state', { snag: {} })).status).toBe(400);
    const malformed = await http(`${mock.url}/__admin/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"vendors":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(expect.any(String));
  });

  it('imports into one session only', async () => {
    const { body } = await admin(mock.url, 'GET', '/state');
    body.vendors = { snag: { ...body.vendors.snag, attributes: [], values: [] } };
    expect((await admin(mock.url, 'PUT', '/state?session=empty', body)).status).toBe(200);
    expect((await attributes('empty')).body.data).toEqual([]);
    expect((await attributes()).body.data).toHaveLength(2);
  });
});

describe('POST /__admin/reset', () => {
  it('restores the seeded world and removes fault rules and journal entries', async () => {
    await write('x');
    await admin(mock.url, 'POST', '/faults', { vendor: 'looker', status: 500 });
    expect((await admin(mock.url, 'POST', '/reset')).body).toEqual({ status: 'ok', reset: 'all' });
    expect(await snagTeamValue(mock.url)).toBeUndefined();
    expect((await admin(mock.url, 'GET', '/faults')).body.faults).toEqual([]);
    expect((await admin(mock.url, 'GET', '/requests')).body.requests.map((r: any) => r.operationId)).toEqual(['listWebsiteUserAttributeValues']);
  });

  it('resets one session on its own', async () => {
    await write('one', 'a');
    await write('two', 'b');
    await admin(mock.url, 'POST', '/reset?session=a');
    expect(await snagTeamValue(mock.url, 'a')).toBeUndefined();
    expect(await snagTeamValue(mock.url, 'b')).toBe('two');
  });
});

describe('isolated sessions (x-attrmock-session)', () => {
  it('never see each other\'s writes, nor the default world\'s', async () => {
    await Promise.all([write('one', 'worker-1'), write('two', 'worker-2'), write('default')]);
    expect(await snagTeamValue(mock.url, 'worker-1')).toBe('one');
    expect(await snagTeamValue(mock.url, 'worker-2')).toBe('two');
    expect(await snagTeamValue(mock.url)).toBe('default');
    expect(await snagTeamValue(mock.url, 'worker-3')).toBeUndefined();
  });

  it('are capped, so a client inventing names cannot exhaust memory; a reset frees a place', async () => {
    const capped = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', maxSessions: 2 });
    const list = (session: string) =>
      http(`${capped.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key, 'x-attrmock-session': session } });
    try {
      expect((await list('a')).status).toBe(200);
      expect((await list('b')).status).toBe(200); // 'a' and 'b' fill both places; the default world is not counted
      const refused = await list('c');
      expect(refused.status).toBe(429);
      expect(refused.body.message).toBe('Too many requests, please try again later.');
      expect(refused.headers.get('x-attrmock-error')).toContain('at most 2 sessions');
      expect((await list('a')).status).toBe(200);
      await http(`${capped.url}/__admin/reset?session=a`, { method: 'POST' });
      expect((await list('c')).status).toBe(200);
    } finally {
      await capped.close();
    }
  });
});

describe('POST /__admin/scenarios/{name}', () => {
  it('loads a scenario\'s state from fixtures/scenarios', async () => {
    const res = await admin(mock.url, 'POST', '/scenarios/snag-empty-website');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scenario: 'snag-empty-website', session: 'default', faults: [] });
    expect((await attributes()).body.data).toEqual([]);
  });

  it('adds a scenario\'s fault rules, scoped to the session it is loaded into', async () => {
    const res = await admin(mock.url, 'POST', '/scenarios/snag-flaky?session=qa');
    expect(res.body.faults.map((f: any) => f.session)).toEqual(['qa', 'qa', 'qa']);
    expect((await attributes('qa')).status).toBe(429);
    expect((await attributes()).status).toBe(200);
  });

  it('answers 404 for an unknown scenario and 400 for a name that is not one', async () => {
    expect((await admin(mock.url, 'POST', '/scenarios/nope')).status).toBe(404);
    expect((await admin(mock.url, 'POST', '/scenarios/..%2Fsnag')).status).toBe(400);
  });
});

describe('--admin-token', () => {
  it('answers 401 without the token and serves the admin API with it; vendor routes are unaffected', async () => {
    const guarded = await startMock({ port: 0, logLevel: 'silent', adminToken: 's3cret' });
    try {
      expect((await admin(guarded.url, 'GET', '/requests')).status).toBe(401);
      expect((await admin(guarded.url, 'GET', '/requests', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await admin(guarded.url, 'POST', '/reset', undefined, { authorization: 'Bearer s3cret' })).status).toBe(200);
      expect((await admin(guarded.url, 'GET', '/faults', undefined, { 'x-attrmock-admin-token': 's3cret' })).status).toBe(200);
      expect((await http(`${guarded.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('answers GET /__admin/health without the token, for orchestrators and CI wait-loops, and nothing more', async () => {
    const guarded = await startMock({ port: 0, logLevel: 'silent', adminToken: 's3cret' });
    try {
      const health = await admin(guarded.url, 'GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok', vendors: ['snag', 'looker', 'lightdash'] });
      expect((await admin(guarded.url, 'GET', '/health', undefined, { authorization: 'Bearer wrong' })).status).toBe(200);
      expect((await admin(guarded.url, 'POST', '/health')).status).toBe(401);
      expect((await admin(guarded.url, 'GET', '/state')).status).toBe(401);
      const refused = await admin(guarded.url, 'GET', '/nope');
      expect(refused.status).toBe(401);
      expect(refused.body.message).toContain('x-attrmock-admin-token');
    } finally {
      await guarded.close();
    }
  });

  it('binds to loopback by default', () => {
    expect(new URL(mock.url).hostname).toBe('127.0.0.1');
  });
});
