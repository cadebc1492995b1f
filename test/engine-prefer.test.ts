import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

let mock: RunningMock;
let values: string;
const auth = { 'x-api-key': SNAG.key };
const validBody = { data: [{ websiteUserAttributeId: SNAG.teamAttributeId, userId: SNAG.userId, value: 'forced?' }], websiteId: SNAG.websiteId, organizationId: SNAG.organizationId };

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  values = `${mock.url}/snag/api/website_user_attributes/values`;
});
afterAll(() => mock.close());

async function teamValue(): Promise<string | undefined> {
  const res = await http(`${values}?userIds=${SNAG.userId}`, { headers: auth });
  return res.body.data.find((v: any) => v.customFieldId === SNAG.teamAttributeId)?.value;
}

describe('Prefer: code, example and dynamic', () => {
  it.each([
    [400, { message: 'Request body is invalid' }],
    [403, { message: 'Forbidden, Could not validate api key' }],
    [429, { message: 'Too many requests, please try again later.' }],
  ])('forces a documented %i in Snag\'s format without writing anything', async (status, body) => {
    const res = await http(values, { method: 'POST', headers: { ...auth, prefer: `code=${status}` }, json: validBody });
    expect(res.status).toBe(status);
    expect(res.body).toEqual(body);
    expect(await teamValue()).toBeUndefined();
  });

  it('forces a 500 with Snag\'s {success:false, message, debugInfo}', async () => {
    const res = await http(values, { method: 'POST', headers: { ...auth, prefer: 'code=500' }, json: validBody });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ success: false, message: 'Internal server error', debugInfo: 'Forced 500 (Prefer code=500)' });
  });

  it('says which fault rule forced a Snag error, and gives an undocumented status its HTTP reason', async () => {
    const rules = await http(`${mock.url}/__admin/faults`, { method: 'POST', json: [
      { operationId: 'createWebsiteUserAttributeValues', status: 500, times: 1 },
      { operationId: 'listWebsiteUserAttributeValues', status: 404, times: 1 },
    ] });
    expect(rules.status).toBe(201);
    const [first] = rules.body.faults;
    try {
      const failed = await http(values, { method: 'POST', headers: auth, json: validBody });
      expect(failed).toMatchObject({ status: 500, body: { success: false, message: 'Internal server error', debugInfo: `Forced 500 by fault rule ${first.id}` } });
      const missing = await http(`${values}?userIds=${SNAG.userId}`, { headers: auth });
      expect(missing).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    } finally {
      await http(`${mock.url}/__admin/faults`, { method: 'DELETE' });
    }
  });

  it('sets Retry-After on a forced 429', async () => {
    const res = await http(values, { method: 'POST', headers: { ...auth, prefer: 'code=429' }, json: validBody });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('forces an error whatever the body, for QA reproducing the vendor\'s answer', async () => {
    const res = await http(values, { method: 'POST', headers: { prefer: 'code=429' }, json: { nonsense: true } });
    expect(res.status).toBe(429);
  });

  it('offers the query form __code to clients that cannot set headers', async () => {
    const res = await http(`${values}?__code=403`, { method: 'POST', headers: auth, json: validBody });
    expect(res.status).toBe(403);
  });

  it('refuses an undocumented code with a message naming the documented ones', async () => {
    const res = await http(values, { method: 'POST', headers: { ...auth, prefer: 'code=418' }, json: validBody });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('418');
    expect(res.body.message).toContain('documented: 200, 400, 403, 429, 500');
  });

  it('refuses a code that is not a status', async () => {
    const res = await http(values, { method: 'POST', headers: { ...auth, prefer: 'code=abc' }, json: validBody });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('code=abc');
  });

  it('answers a forced 200 from the spec and leaves the state alone', async () => {
    const res = await http(values, { method: 'POST', headers: { ...auth, prefer: 'code=200' }, json: validBody });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(await teamValue()).toBeUndefined();
  });

  it('generates a schema-valid body with dynamic=true, the same for the same seed and calls', async () => {
    mock.reset();
    const a = await http(`${mock.url}/snag/api/website_user_attributes`, { headers: { ...auth, prefer: 'dynamic=true' } });
    expect(a.status).toBe(200);
    expect(Array.isArray(a.body.data)).toBe(true);
    expect(typeof a.body.hasNextPage).toBe('boolean');
    const other = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
    try {
      const b = await http(`${other.url}/snag/api/website_user_attributes?__dynamic=true`, { headers: auth });
      expect(b.body).toEqual(a.body);
    } finally {
      await other.close();
    }
  });

  it('serves a named example of an error response, with or without its code, as the spec documents it', async () => {
    const attributes = `${mock.url}/lightdash/api/v1/org/attributes`;
    const badToken = { status: 'error', error: { statusCode: 401, name: 'AuthorizationError', message: 'Personal access token is not recognised', data: {} } };
    for (const prefer of ['example=badToken', 'code=401, example=badToken']) {
      const res = await http(attributes, { headers: { prefer } });
      expect(res, prefer).toMatchObject({ status: 401, body: badToken });
    }
    const unknown = await http(attributes, { headers: { prefer: 'example=nope', authorization: 'ApiKey lightdash-dev-token' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/example "nope" is not documented for the 200 response; documented: none; other responses: badToken \(401\), notAuthed \(401\), forbidden \(default: add code=\)/);
    const underDefault = await http(attributes, { headers: { prefer: 'code=403, example=forbidden', authorization: 'ApiKey lightdash-dev-token' } });
    expect(underDefault).toMatchObject({ status: 403, body: { error: { statusCode: 403, name: 'ForbiddenError' } } });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('takes %s for an example name like any other, not a property of every object', async (name) => {
    const res = await http(`${mock.url}/snag/api/website_user_attributes?__example=${name}`, { headers: auth });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(`example "${name}" is not documented`);
    const forced = await http(`${mock.url}/lightdash/api/v1/org/attributes`, { headers: { prefer: `code=401, example=${name}` } });
    expect(forced.status).toBe(400);
  });

  it('serves a named example, and names the documented ones for an unknown name', async () => {
    const res = await http(`${values}?__example=nope`, { method: 'POST', headers: auth, json: validBody });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('example "nope"');
  });
});
