import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { admin, SNAG_VALUES_PATH, snagValueWrite } from './support/admin.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', journalSize: 5 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('GET /__admin/requests (the journal)', () => {
  it('records method, path, vendor, operationId, status and duration, newest first', async () => {
    await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('Arsenal'));
    await http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
    const res = await admin(mock.url, 'GET', '/requests');
    expect(res.status).toBe(200);
    expect(res.body.requests.map((r: any) => r.operationId)).toEqual(['listWebsiteUserAttributes', 'createWebsiteUserAttributeValues']);
    const [, write] = res.body.requests;
    expect(write).toMatchObject({ method: 'POST', path: SNAG_VALUES_PATH, vendor: 'snag', status: 200, session: 'default' });
    expect(write.durationMs).toBeGreaterThanOrEqual(0);
    expect(write.body.data[0].value).toBe('Arsenal');
  });

  it('keeps the request validation errors of a rejected request', async () => {
    const bad = snagValueWrite('x');
    bad.json.data[0]!.userId = 'bob';
    await http(`${mock.url}${SNAG_VALUES_PATH}`, bad);
    const [entry] = (await admin(mock.url, 'GET', '/requests')).body.requests;
    expect(entry.status).toBe(400);
    expect(entry.requestErrors).toContainEqual(expect.objectContaining({ location: 'body', pointer: '/data/0/userId', keyword: 'format' }));
  });

  it('never stores API keys, tokens, client secrets or passwords', async () => {
    await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('x'));
    await http(`${mock.url}/lightdash/api/v1/org/attributes`, { headers: { authorization: 'ApiKey lightdash-dev-token' } });
    await http(`${mock.url}/looker/api/4.0/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret',
    });
    await http(`${mock.url}/looker/api/4.0/login?client_id=looker-dev-client-id&client_secret=looker-dev-client-secret`, { method: 'POST' });
    await http(`${mock.url}/lightdash/api/v1/org/attributes`, { method: 'POST', json: { name: 'n', password: 'hunter2', nested: { token: 'abc' } } });
    const text = (await admin(mock.url, 'GET', '/requests')).text;
    for (const secret of [SNAG.key, 'lightdash-dev-token', 'looker-dev-client-secret', 'looker-dev-client-id', 'hunter2', '"abc"']) expect(text).not.toContain(secret);
    expect(text).toContain('ApiKey [REDACTED]');
  });

  it('filters by vendor, operation and status (exact or class)', async () => {
    await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('x'));
    await http(`${mock.url}${SNAG_VALUES_PATH}`, { ...snagValueWrite('x'), headers: {} });
    await http(`${mock.url}/lightdash/api/v1/org/attributes`, { headers: { authorization: 'ApiKey lightdash-dev-token' } });
    const list = async (query: string) => (await admin(mock.url, 'GET', `/requests?${query}`)).body.requests.map((r: any) => `${r.vendor} ${r.status}`);
    expect(await list('vendor=lightdash')).toEqual(['lightdash 200']);
    expect(await list('operationId=createWebsiteUserAttributeValues')).toEqual(['snag 403', 'snag 200']);
    expect(await list('status=403')).toEqual(['snag 403']);
    expect(await list('status=2xx')).toEqual(['lightdash 200', 'snag 200']);
    expect(await list('limit=1')).toEqual(['lightdash 200']);
  });

  it('answers 400 naming the filter when a filter could match nothing or is not one', async () => {
    await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('x'));
    const refused = async (query: string) => {
      const res = await admin(mock.url, 'GET', `/requests?${query}`);
      expect(res.status).toBe(400);
      return res.body.message as string;
    };
    expect(await refused('status=abc')).toContain('status "abc" is neither a status (429, or 0 for a dropped connection) nor a class (1xx to 5xx)');
    expect(await refused('status=6xx')).toContain('status "6xx"');
    expect(await refused('vendor=foo')).toContain('unknown vendor "foo"; served: snag, looker, lightdash');
    expect(await refused('operationId=nope')).toContain('no vendor has operationId "nope"');
    expect(await refused('vendor=lightdash&operationId=createWebsiteUserAttributeValues')).toContain('lightdash has no operationId "createWebsiteUserAttributeValues"; it has ');
    expect(await refused('limit=0')).toContain('limit "0" must be a whole number above 0');
    expect(await refused('limit=')).toContain('limit "" must be');
    expect(await refused('vendr=snag')).toContain('unknown filter vendr; filters: vendor, operationId, status, session, limit');
    expect(await refused('status=4xx&status=5xx')).toContain('status came more than once');
    expect(await refused('vendor=foo&status=abc')).toMatch(/^invalid journal filter: unknown vendor "foo".*; status "abc"/);
  });

  it('accepts every filter that could match, a dropped connection\'s status 0 and an unseen session included', async () => {
    await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('x'));
    for (const query of ['status=0', 'status=4XX', 'status=200', 'session=not-yet', 'vendor=snag&operationId=createWebsiteUserAttributeValues', 'limit=3']) {
      expect((await admin(mock.url, 'GET', `/requests?${query}`)).status, query).toBe(200);
    }
  });

  it('refuses a repeated session rather than clearing every session', async () => {
    await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('a', 'worker-1'));
    expect((await admin(mock.url, 'DELETE', '/requests?session=worker-1&session=worker-2')).status).toBe(400);
    expect((await admin(mock.url, 'GET', '/requests?session=worker-1')).body.count).toBe(1);
  });

  it('is bounded: only the newest entries are kept', async () => {
    for (let i = 0; i < 7; i++) await http(`${mock.url}/snag/api/website_user_attributes?limit=${i + 1}`, { headers: { 'x-api-key': SNAG.key } });
    const res = await admin(mock.url, 'GET', '/requests');
    expect(res.body.capacity).toBe(5);
    expect(res.body.requests.map((r: any) => r.query.limit)).toEqual(['7', '6', '5', '4', '3']);
  });

  it('scopes to a session and DELETE clears it', async () => {
    await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('a', 'worker-1'));
    await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('b', 'worker-2'));
    expect((await admin(mock.url, 'GET', '/requests?session=worker-1')).body.requests.map((r: any) => r.body.data[0].value)).toEqual(['a']);
    expect((await admin(mock.url, 'DELETE', '/requests?session=worker-1')).body).toEqual({ cleared: 1 });
    expect((await admin(mock.url, 'GET', '/requests')).body.requests.map((r: any) => r.session)).toEqual(['worker-2']);
    await admin(mock.url, 'DELETE', '/requests');
    expect((await admin(mock.url, 'GET', '/requests')).body.count).toBe(0);
  });
});
