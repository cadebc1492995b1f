import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/** Every timingSafeEqual call the mock makes, with the byte lengths it compared. */
const compared = vi.hoisted(() => [] as Array<[number, number]>);
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView): boolean => {
    compared.push([a.byteLength, b.byteLength]);
    return actual.timingSafeEqual(a, b);
  };
  return { ...actual, default: { ...actual, timingSafeEqual }, timingSafeEqual };
});

const { startMock } = await import('../src/index.js');
const { constantTimeEquals, constantTimeFind } = await import('../src/engine/constant-time-equals.js');
const { lookerAuth, send } = await import('./support/hardening-harness.js');
const { SNAG } = await import('./support/snag-world.js');

/**
 * Credentials are compared with crypto.timingSafeEqual on fixed-length digests, right or wrong, same length or
 * not: a wrong guess that shares a prefix or a length with a real key takes as long as any other.
 */
let mock: Awaited<ReturnType<typeof startMock>>;
beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
});
afterAll(() => mock.close());
beforeEach(() => {
  compared.length = 0;
});

/** Runs one request and returns the comparisons it made; each must be of two 32-byte digests. */
async function comparisonsOf(request: () => Promise<{ status: number }>, status: number): Promise<number> {
  compared.length = 0;
  expect((await request()).status).toBe(status);
  expect(compared.every(([a, b]) => a === 32 && b === 32), JSON.stringify(compared)).toBe(true);
  return compared.length;
}

describe('credentials are compared in constant time', () => {
  it('compares equal and unequal strings of any length as digests', () => {
    expect(constantTimeEquals('snag-dev-key', 'snag-dev-key')).toBe(true);
    expect(constantTimeEquals('snag-dev-kez', 'snag-dev-key')).toBe(false);
    expect(constantTimeEquals('snag', 'snag-dev-key')).toBe(false);
    expect(constantTimeEquals('', '')).toBe(true);
    expect(compared).toEqual(Array(4).fill([32, 32]));
  });

  it('finds a credential among many by comparing with every one, wherever it stands', () => {
    const keys = new Map([['key-a', 'A'], ['key-b', 'B'], ['key-c', 'C']]);
    for (const [presented, expected] of [['key-a', 'A'], ['key-c', 'C'], ['key-', undefined], ['', undefined]] as const) {
      compared.length = 0;
      expect(constantTimeFind(presented, keys)).toBe(expected);
      expect(compared).toEqual(Array(3).fill([32, 32]));
    }
  });

  it.each([
    ['the right key', SNAG.key, 200],
    ['a wrong key of the same length', SNAG.key.replace(/.$/, 'x'), 403],
    ['a prefix of the key', 'snag-dev', 403],
    ['no key', undefined, 403],
  ])('checks a Snag X-API-KEY against every known key: %s', async (_label, key, status) => {
    const headers: Record<string, string> = key === undefined ? {} : { 'x-api-key': key };
    const count = await comparisonsOf(() => send(mock, 'snag', { method: 'GET', path: '/api/website_user_attributes', headers }), status);
    expect(count).toBe(2);
  });

  it.each([
    ['the right token', 'lightdash-dev-token', 200],
    ['a wrong token of the same length', 'lightdash-dev-tokeN', 401],
    ['a prefix', 'lightdash', 401],
  ])('checks a Lightdash personal access token against every token: %s', async (_label, token, status) => {
    const count = await comparisonsOf(() => send(mock, 'lightdash', { method: 'GET', path: '/api/v1/org/attributes', headers: { authorization: `ApiKey ${token}` } }), status);
    // fixtures/lightdash.yaml holds five personal access tokens (two for Lightdash's own seed users).
    expect(count).toBe(5);
  });

  it.each([
    ['the right secret', 'looker-dev-client-secret', 200],
    ['a wrong secret of the same length', 'looker-dev-client-secreT', 404],
    ['a prefix of the secret', 'looker-dev', 404],
  ])('checks a Looker login id and secret against every API3 key: %s', async (_label, secret, status) => {
    const count = await comparisonsOf(
      () => send(mock, 'looker', { method: 'POST', path: '/api/4.0/login', form: { client_id: 'looker-dev-client-id', client_secret: secret } }),
      status,
    );
    expect(count).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['the right token', 'admin-secret-token', 200],
    ['a wrong token of the same length', 'admin-secret-tokeN', 401],
    ['a prefix', 'admin', 401],
  ])('checks the /__admin token in constant time: %s', async (_label, token, status) => {
    const guarded = await startMock({ port: 0, logLevel: 'silent', adminToken: 'admin-secret-token' });
    try {
      const count = await comparisonsOf(() => fetch(`${guarded.url}/__admin/requests`, { headers: { authorization: `Bearer ${token}` } }), status);
      expect(count).toBe(1);
    } finally {
      await guarded.close();
    }
  });

  it('checks a Looker access token in constant time, found or not', async () => {
    const auth = await lookerAuth(mock);
    const token = auth.authorization!.split(' ')[1]!;
    for (const [presented, status] of [[token, 200], [token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), 401], [token.slice(0, 10), 401]] as const) {
      const count = await comparisonsOf(() => send(mock, 'looker', { method: 'GET', path: '/api/4.0/user', headers: { authorization: `token ${presented}` } }), status);
      expect(count).toBeGreaterThanOrEqual(1);
    }
  });
});
