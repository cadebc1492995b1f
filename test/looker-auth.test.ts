import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { RATE_LIMIT_ENV } from '../src/vendors/looker/index.js';
import { http } from './support/http.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const CREDENTIALS = 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret';

let clock = new Date('2025-03-01T12:00:00Z');
let mock: RunningMock;
let api: string;

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', now: () => clock });
  api = `${mock.url}/looker/api/4.0`;
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  clock = new Date('2025-03-01T12:00:00Z');
  mock.reset();
});

async function login(body = CREDENTIALS): Promise<string> {
  const res = await http(`${api}/login`, { method: 'POST', headers: FORM, body });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}

describe('looker login', () => {
  it('answers an AccessToken for form-encoded client credentials', async () => {
    const res = await http(`${api}/login`, { method: 'POST', headers: FORM, body: CREDENTIALS });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9]{40}$/), token_type: 'Bearer', expires_in: 3600, refresh_token: null });
  });

  it('also takes the deprecated query-string credentials', async () => {
    const res = await http(`${api}/login?${CREDENTIALS}`, { method: 'POST' });
    expect(res.status).toBe(200);
  });

  it('answers 404 Not found for unknown credentials, as Looker does', async () => {
    const res = await http(`${api}/login`, { method: 'POST', headers: FORM, body: 'client_id=looker-dev-client-id&client_secret=nope' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'Not found', documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/404/post/login' });
  });
});

describe('looker access tokens', () => {
  it('accepts both "token X" and "Bearer X"', async () => {
    const token = await login();
    expect((await http(`${api}/user`, { headers: { authorization: `token ${token}` } })).status).toBe(200);
    expect((await http(`${api}/user`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('answers 401 Requires authentication without a token, with a wrong scheme or an unknown token', async () => {
    const token = await login();
    for (const authorization of [undefined, `Basic ${token}`, 'token not-a-token']) {
      const res = await http(`${api}/user_attributes`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Requires authentication.', documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/401/get/user_attributes' });
    }
  });

  it('stops accepting a token once it expires', async () => {
    const token = await login();
    clock = new Date(clock.getTime() + 3599_000);
    expect((await http(`${api}/user`, { headers: { authorization: `token ${token}` } })).status).toBe(200);
    clock = new Date(clock.getTime() + 1_000);
    expect((await http(`${api}/user`, { headers: { authorization: `token ${token}` } })).status).toBe(401);
  });

  it('revokes the token on DELETE /logout and answers 204', async () => {
    const token = await login();
    const out = await http(`${api}/logout`, { method: 'DELETE', headers: { authorization: `token ${token}` } });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    expect((await http(`${api}/user`, { headers: { authorization: `token ${token}` } })).status).toBe(401);
  });
});

describe('looker rate limits', () => {
  it('answers a forced 429 in Looker\'s error format with Retry-After', async () => {
    const token = await login();
    const res = await http(`${api}/user_attributes`, { headers: { authorization: `token ${token}`, prefer: 'code=429' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.body).toEqual({ message: 'Too Many Requests', documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/429/get/user_attributes' });
  });

  it('limits each token to the configured requests per second when the env var sets a rate', async () => {
    const previous = process.env[RATE_LIMIT_ENV];
    process.env[RATE_LIMIT_ENV] = '2';
    const limited = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', now: () => clock });
    try {
      const base = `${limited.url}/looker/api/4.0`;
      const token = (await http(`${base}/login`, { method: 'POST', headers: FORM, body: CREDENTIALS })).body.access_token as string;
      const headers = { authorization: `token ${token}` };
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await http(`${base}/user`, { headers })).status);
      expect(statuses).toEqual([200, 200, 429]);
      const limitedRes = await http(`${base}/user`, { headers });
      expect(limitedRes.headers.get('retry-after')).toBe('1');
      expect(limitedRes.body.message).toBe('Too Many Requests');
      clock = new Date(clock.getTime() + 1_000);
      expect((await http(`${base}/user`, { headers })).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env[RATE_LIMIT_ENV];
      else process.env[RATE_LIMIT_ENV] = previous;
      await limited.close();
    }
  });

  it('does not limit by default', async () => {
    const headers = { authorization: `token ${await login()}` };
    const statuses = await Promise.all(Array.from({ length: 20 }, () => http(`${api}/user`, { headers }).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
