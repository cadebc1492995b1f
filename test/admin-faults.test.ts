import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { admin, SNAG_VALUES_PATH, snagTeamValue, snagValueWrite } from './support/admin.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

let mock: RunningMock;
const LIGHTDASH = { authorization: 'ApiKey lightdash-dev-token' };
const write = (value: string, session?: string) => http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite(value, session));

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('POST /__admin/faults with a status', () => {
  it('takes the plain form as written and answers Snag\'s own 429 the next 2 times, then the real thing', async () => {
    const created = await admin(mock.url, 'POST', '/faults', { method: 'POST', path: SNAG_VALUES_PATH, status: 429, times: 2 });
    expect(created.status).toBe(201);
    expect(created.body.faults[0]).toMatchObject({ id: expect.any(String), vendor: 'snag', status: 429, times: 2 });
    const statuses = [];
    for (const value of ['a', 'b', 'c']) statuses.push(await write(value));
    expect(statuses.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(statuses[0]!.body).toEqual({ message: 'Too many requests, please try again later.' });
    expect(statuses[0]!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await snagTeamValue(mock.url)).toBe('c');
    expect((await admin(mock.url, 'GET', '/faults')).body.faults).toEqual([]);
  });

  it('changes no state while it answers', async () => {
    await admin(mock.url, 'POST', '/faults', { operationId: 'createWebsiteUserAttributeValues', status: 500, times: 1 });
    const res = await write('never');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ success: false, message: expect.any(String) });
    expect(await snagTeamValue(mock.url)).toBeUndefined();
  });

  it('matches by operationId alone and formats the status as Looker does', async () => {
    await admin(mock.url, 'POST', '/faults', { operationId: 'all_user_attributes', status: 404 });
    const res = await http(`${mock.url}/looker/api/4.0/user_attributes`, { headers: { authorization: 'token anything' } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'Not found', documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/404/get/user_attributes' });
  });

  it('matches a whole vendor and answers Lightdash\'s error body', async () => {
    await admin(mock.url, 'POST', '/faults', { vendor: 'lightdash', status: 500 });
    const res = await http(`${mock.url}/lightdash/api/v1/org/attributes`, { headers: LIGHTDASH });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ status: 'error', error: expect.objectContaining({ statusCode: 500 }) });
  });

  it('matches a spec path template, and reports a status the operation does not document', async () => {
    const created = await admin(mock.url, 'POST', '/faults', { operationId: 'deleteWebsiteUserAttribute', status: 418 });
    expect(created.body.warnings[0]).toContain('418 is not documented for deleteWebsiteUserAttribute');
    await admin(mock.url, 'DELETE', '/faults');
    await admin(mock.url, 'POST', '/faults', { method: 'DELETE', path: '/snag/api/website_user_attributes/{id}', status: 500 });
    const res = await http(`${mock.url}/snag/api/website_user_attributes/${SNAG.tierAttributeId}`, { method: 'DELETE', headers: { 'x-api-key': SNAG.key }, json: {} });
    expect(res.status).toBe(500);
  });

  it('refuses a rule it cannot use with 400 naming every problem', async () => {
    const res = await admin(mock.url, 'POST', '/faults', { path: '/nowhere', status: 99, times: 0, colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body.errors.join('\n')).toMatch(/unknown field colour[\s\S]*name what to match[\s\S]*status must be[\s\S]*times must be/);
    const unknownOp = await admin(mock.url, 'POST', '/faults', { vendor: 'snag', operationId: 'nope', status: 500 });
    expect(unknownOp.body.errors[0]).toContain('snag has no operationId nope');
  });

  it('adds a list of rules all or nothing', async () => {
    const res = await admin(mock.url, 'POST', '/faults', [{ vendor: 'snag', status: 500 }, { vendor: 'snag' }]);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatch(/^\[1\] give the rule an effect/);
    expect((await admin(mock.url, 'GET', '/faults')).body.faults).toEqual([]);
  });
});

describe('fault kinds', () => {
  it('drops the connection without an answer, and the request never reaches the vendor', async () => {
    await admin(mock.url, 'POST', '/faults', { path: SNAG_VALUES_PATH, method: 'POST', fault: 'drop', times: 1 });
    await expect(write('lost')).rejects.toThrow();
    expect(await snagTeamValue(mock.url)).toBeUndefined();
    const [entry] = (await admin(mock.url, 'GET', '/requests?operationId=createWebsiteUserAttributeValues')).body.requests;
    expect(entry).toMatchObject({ status: 0, delivery: 'dropped', faultIds: [expect.any(String)] });
  });

  it('answers a malformed JSON body with the status asked for', async () => {
    await admin(mock.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', fault: 'malformed', status: 200 });
    const res = await http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(res.text)).toThrow();
    expect(res.text.startsWith('{"data":[')).toBe(true);
  });

  it('slows one operation down by the rule\'s latency and leaves the others alone', async () => {
    await admin(mock.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', latency: '300-350' });
    const started = performance.now();
    const slow = await http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
    const slowMs = performance.now() - started;
    expect(slow.status).toBe(200);
    expect(slowMs).toBeGreaterThanOrEqual(295);
    // The other operation is left alone: no rule fired for it (a wall-clock bound would only measure the machine).
    await write('x');
    const [latest] = (await admin(mock.url, 'GET', '/requests')).body.requests;
    expect(latest.operationId).toBe('createWebsiteUserAttributeValues');
    expect(latest.faultIds ?? []).toEqual([]);
  });

  it('adds a latency rule\'s delay to the answer of a later status rule', async () => {
    await admin(mock.url, 'POST', '/faults', [{ vendor: 'snag', latency: 200 }, { operationId: 'listWebsiteUserAttributes', status: 500, times: 1 }]);
    const started = performance.now();
    const res = await http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
    expect(res.status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    const [entry] = (await admin(mock.url, 'GET', '/requests')).body.requests;
    expect(entry.faultIds).toHaveLength(2);
  });

  it('scopes a rule to one session', async () => {
    await admin(mock.url, 'POST', '/faults', { vendor: 'snag', session: 'worker-1', status: 500 });
    expect((await write('a', 'worker-1')).status).toBe(500);
    expect((await write('b', 'worker-2')).status).toBe(200);
    expect((await write('c')).status).toBe(200);
    expect((await admin(mock.url, 'DELETE', '/faults?session=worker-1')).body).toEqual({ removed: 1 });
    expect((await write('a', 'worker-1')).status).toBe(200);
  });

  it('removes one rule by id', async () => {
    const { body } = await admin(mock.url, 'POST', '/faults', { vendor: 'snag', status: 500 });
    expect((await admin(mock.url, 'DELETE', `/faults/${body.faults[0].id}`)).status).toBe(200);
    expect((await admin(mock.url, 'DELETE', `/faults/${body.faults[0].id}`)).status).toBe(404);
    expect((await write('x')).status).toBe(200);
  });
});

describe('probability rules', () => {
  async function pattern(seed: number): Promise<number[]> {
    const seeded = await startMock({ port: 0, seed, responseValidation: 'fail', logLevel: 'silent' });
    try {
      await admin(seeded.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status: 500, probability: 0.5 });
      const statuses = [];
      for (let i = 0; i < 24; i++) statuses.push((await http(`${seeded.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } })).status);
      return statuses;
    } finally {
      await seeded.close();
    }
  }

  it('fire on the same requests under the same seed, and on some but not all of them', async () => {
    const first = await pattern(7);
    expect(await pattern(7)).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern(8)).not.toEqual(first);
  });

  it('count only the times they fire toward times', async () => {
    await admin(mock.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status: 500, probability: 0.5, times: 3 });
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } })).status);
    expect(statuses.filter((s) => s === 500)).toHaveLength(3);
  });
});
