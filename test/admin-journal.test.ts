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
