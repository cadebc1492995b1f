import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { admin } from './support/admin.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

let mock: RunningMock;
const ATTRIBUTES = '/snag/api/website_user_attributes';
const USERS = '/snag/api/users';
const asKey = (extra: Record<string, string> = {}) => ({ headers: { 'x-api-key': SNAG.key, ...extra } });

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('Snag\'s documented errors by name (Prefer: example=NAME)', () => {
  it.each([
    ['requestBodyInvalid', 400, { message: 'Request body is invalid' }],
    ['apiKeyInvalid', 403, { message: 'Forbidden, Could not validate api key' }],
    ['internalServerError', 500, { success: false, message: 'Internal server error', debugInfo: 'Stack trace or additional error details' }],
  ])('answers example=%s with its status and the documented body, on every operation', async (name, status, body) => {
    for (const path of [ATTRIBUTES, `${ATTRIBUTES}/values?userIds=${SNAG.userId}`, USERS, `${USERS}/metadatas`, `${USERS}/count`]) {
      const res = await http(`${mock.url}${path}`, asKey({ prefer: `example=${name}` }));
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status, body });
    }
  });

  it('takes the name in the query form too, and changes nothing', async () => {
    const res = await http(`${mock.url}${USERS}/metadatas?__example=requestBodyInvalid`, {
      method: 'POST',
      headers: { 'x-api-key': SNAG.key },
      json: { walletAddress: '0x00000000000000000000000000000000000000aa' },
    });
    expect(res).toMatchObject({ status: 400, body: { message: 'Request body is invalid' } });
    const found = await http(`${mock.url}${USERS}?walletAddress=0x00000000000000000000000000000000000000aa`, asKey());
    expect(found.body.data).toEqual([]);
  });

  it('lists the names when asked for one it does not document', async () => {
    const res = await http(`${mock.url}${ATTRIBUTES}`, asKey({ prefer: 'example=nope' }));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('requestBodyInvalid (400), apiKeyInvalid (403), internalServerError (500)');
  });
});

describe('a Snag 5xx its spec does not document', () => {
  it.each([
    [502, 'Bad Gateway'],
    [503, 'Service Unavailable'],
  ])('forced %i by a fault rule answers {message} with the HTTP reason, not Snag\'s 500 body', async (status, reason) => {
    await admin(mock.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status });
    const res = await http(`${mock.url}${ATTRIBUTES}`, asKey());
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ message: reason });
  });

  it('keeps Snag\'s own 500 body for a forced 500', async () => {
    await admin(mock.url, 'POST', '/faults', { operationId: 'listUsers', status: 500 });
    const res = await http(`${mock.url}${USERS}`, asKey());
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ success: false, message: 'Internal server error' });
  });

  it('is refused by Prefer, which forces only documented statuses, naming them', async () => {
    const res = await http(`${mock.url}${ATTRIBUTES}`, asKey({ prefer: 'code=503' }));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/code=503 is not documented .*400, 403, 429, 500/);
  });
});
