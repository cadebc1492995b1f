import { describe, expect, it } from 'vitest';
import { parseRateLimits, routeRateLimits } from '../src/admin/rate-limits.js';
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

  it('--rate-limit alone turns on the documented limits; Looker\'s number goes to its own per-token limiter', () => {
    expect(parseRateLimits(true, ['snag', 'looker'])).toEqual({ snag: 250 });
    expect(parseRateLimits('snag=10,looker=5', ['snag', 'looker'])).toEqual({ snag: 10, looker: 5 });
    expect(() => parseRateLimits('hubspot=5', ['snag'])).toThrow(/no vendor hubspot/);
    expect(() => parseRateLimits('snag=fast', ['snag'])).toThrow(/vendor=requestsPerSecond/);
    const env: NodeJS.ProcessEnv = {};
    expect(routeRateLimits({ snag: 10, looker: 5 }, env)).toEqual({ snag: 10 });
    expect(env.ATTRMOCK_LOOKER_RATE_LIMIT_RPS).toBe('5');
  });

  it('refuse a generic limit for a vendor that limits itself, rather than limit it twice', async () => {
    await expect(startMock({ port: 0, logLevel: 'silent', rateLimits: { looker: 5 } })).rejects.toThrow(/limits per token itself/);
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
