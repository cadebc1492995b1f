import { describe, expect, it } from 'vitest';
import { parseRateLimits } from '../src/admin/rate-limits.js';
import { vendorRegistry } from '../src/vendors/registry.js';
import { startMock } from '../src/index.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

const list = (url: string, key: string = SNAG.key, session?: string) =>
  http(`${url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': key, ...(session ? { 'x-attrmock-session': session } : {}) } });

describe('rate limits', () => {
  it('answer Snag\'s own 429 with Retry-After past the limit, per API key, until the window passes', async () => {
    let clock = new Date('2026-03-01T10:00:00.000Z');
    const mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', rateLimits: { snag: 3 }, now: () => clock });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await list(mock.url)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await list(mock.url);
      expect(limited.body).toEqual({ message: 'Too many requests, please try again later.' });
      expect(limited.headers.get('retry-after')).toBe('1');
      expect((await list(mock.url, SNAG.otherKey)).status).toBe(200);
      expect((await list(mock.url, SNAG.key, 'another-worker')).status).toBe(200);
      clock = new Date(clock.getTime() + 1000);
      expect((await list(mock.url)).status).toBe(200);
      const journal = await http(`${mock.url}/__admin/requests?status=429`);
      expect(journal.body.count).toBe(2);
    } finally {
      await mock.close();
    }
  });

  it('leave vendors without a limit alone', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', rateLimits: { snag: 1 } });
    try {
      const statuses = await Promise.all(Array.from({ length: 5 }, () => http(`${mock.url}/lightdash/api/v1/org/attributes`, { headers: { authorization: 'ApiKey lightdash-dev-token' } }).then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      await mock.close();
    }
  });

  it('--rate-limit alone turns on the limits the vendors document; vendor=N sets one', () => {
    expect(parseRateLimits(true, vendorRegistry)).toEqual({ snag: 250 });
    expect(parseRateLimits('snag=10,looker=5', vendorRegistry)).toEqual({ snag: 10, looker: 5 });
    expect(() => parseRateLimits('hubspot=5', vendorRegistry)).toThrow(/no vendor hubspot/);
    expect(() => parseRateLimits('snag=fast', vendorRegistry)).toThrow(/vendor=requestsPerSecond/);
  });

  it('limit Looker per access token, in Looker\'s own 429 format', async () => {
    const clock = new Date('2026-03-01T10:00:00.000Z');
    const mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', rateLimits: { looker: 2 }, now: () => clock });
    try {
      const login = () => http(`${mock.url}/looker/api/4.0/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret' });
      const first = (await login()).body.access_token as string;
      const me = (token: string) => http(`${mock.url}/looker/api/4.0/user`, { headers: { authorization: `token ${token}` } });
      expect((await me(first)).status).toBe(200);
      expect((await me(first)).status).toBe(200);
      const limited = await me(first);
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ message: expect.any(String), documentation_url: expect.stringContaining('/429/') });
      expect(limited.headers.get('retry-after')).toBe('1');
      const second = (await login()).body.access_token as string;
      expect((await me(second)).status).toBe(200);
    } finally {
      await mock.close();
    }
  });
});

describe('--latency', () => {
  it('delays every response by an amount within the range', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', latency: { min: 120, max: 180 } });
    try {
      for (let i = 0; i < 4; i++) {
        const started = performance.now();
        expect((await list(mock.url)).status).toBe(200);
        expect(performance.now() - started).toBeGreaterThanOrEqual(115);
      }
      // The server's own timing: the upper bound without the client's connection set-up in it.
      const durations = (await http(`${mock.url}/__admin/requests`)).body.requests.map((r: any) => r.durationMs);
      expect(durations).toHaveLength(4);
      for (const ms of durations) {
        expect(ms).toBeGreaterThanOrEqual(115);
        expect(ms).toBeLessThan(180 + 150);
      }
    } finally {
      await mock.close();
    }
  });
});
