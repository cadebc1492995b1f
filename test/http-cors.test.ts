import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { SNAG } from './support/snag-world.js';

const ORIGIN = 'http://localhost:5173';
const attributes = '/snag/api/website_user_attributes';

describe('CORS, on by default as with Prism', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent', responseValidation: 'fail' });
  });
  afterAll(() => mock.close());

  it('names the calling origin as allowed on vendor answers, errors included (never on /__admin: issue 19)', async () => {
    for (const [path, headers, status] of [
      [attributes, { 'x-api-key': SNAG.key }, 200],
      [attributes, {}, 403],
    ] as const) {
      const res = await fetch(`${mock.url}${path}`, { headers: { origin: ORIGIN, ...headers } });
      expect(res.status, path).toBe(status);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
    }
  });

  it('adds nothing for a request without Origin (servers, SDKs, curl)', async () => {
    const res = await fetch(`${mock.url}${attributes}`, { headers: { 'x-api-key': SNAG.key } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight itself with 204, and the journal never sees it', async () => {
    await fetch(`${mock.url}/__admin/requests`, { method: 'DELETE' });
    const res = await fetch(`${mock.url}${attributes}/values`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key, content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('x-api-key, content-type');
    expect((await (await fetch(`${mock.url}/__admin/requests`)).json()).count).toBe(0);
  });
});

describe('CORS off (--no-cors)', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent', cors: false });
  });
  afterAll(() => mock.close());

  it('sends no CORS headers and leaves OPTIONS to the vendor, which documents none', async () => {
    const res = await fetch(`${mock.url}${attributes}`, { headers: { origin: ORIGIN, 'x-api-key': SNAG.key } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${mock.url}${attributes}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(405);
  });
});
