import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Request } from 'express';
import { startMock, type RunningMock } from '../src/index.js';
import { toMockRequest } from '../src/http/to-mock-request.js';
import { lookerAuth, send, snapshotOf, watchForCrashes, type WireRequest, type WireResponse } from './support/hardening-harness.js';
import { flood, rawRequest } from './support/raw-http.js';
import { SNAG } from './support/snag-world.js';
import { LIGHTDASH } from './support/vendor-requests.js';

/** Hostile input, one kind per test: each answer is the vendor's own error, nothing crashes, no state changes. */
const SMALL_LIMIT = 4096;
let mock: RunningMock;
let small: RunningMock;
let watchers: Array<ReturnType<typeof watchForCrashes>>;
const auth: Record<string, Record<string, string>> = {};

/** One write endpoint per vendor with a valid body, to break in every way below. */
const WRITES: Record<string, WireRequest> = {
  snag: {
    method: 'POST',
    path: '/api/website_user_attributes/values',
    body: { data: [{ websiteUserAttributeId: SNAG.teamAttributeId, userId: SNAG.userId, value: 'Arsenal' }], websiteId: SNAG.websiteId, organizationId: SNAG.organizationId },
  },
  lightdash: { method: 'POST', path: '/api/v1/org/attributes', body: { name: 'team', attributeDefault: null, users: [], groups: [] } },
  looker: { method: 'POST', path: '/api/4.0/user_attributes', body: { name: 'team', label: 'Team', type: 'string' } },
};
const VENDORS = Object.keys(WRITES);

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  small = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', bodyLimit: SMALL_LIMIT });
  watchers = [watchForCrashes(mock)];
});
afterAll(async () => {
  watchers.forEach((w) => w.stop());
  await Promise.all([mock.close(), small.close()]);
});
beforeEach(async () => {
  mock.reset();
  small.reset();
  auth.snag = { 'x-api-key': SNAG.key };
  auth.lightdash = { authorization: `ApiKey ${LIGHTDASH.token}` };
  auth.looker = await lookerAuth(mock);
});
afterEach(() => {
  const crashes = watchers.flatMap((w) => w.crashes.splice(0));
  expect(crashes).toEqual([]);
});

/** Sends a hostile variant of the vendor's write and checks it is refused in the vendor's format, changing nothing. */
async function refused(vendor: string, change: Partial<WireRequest>, on: RunningMock = mock): Promise<WireResponse> {
  const headers = on === mock ? auth[vendor] : { ...auth[vendor], ...(vendor === 'looker' ? await lookerAuth(on) : {}) };
  const before = snapshotOf(on, vendor);
  const res = await send(on, vendor, { ...WRITES[vendor]!, ...change, headers: { ...headers, ...change.headers } });
  expectVendorError(vendor, res);
  expect(snapshotOf(on, vendor)).toBe(before);
  return res;
}

/** Snag `{message}` and Looker `{message, documentation_url}` 4xx; Lightdash's envelope (its 500s are upstream's). */
function expectVendorError(vendor: string, res: WireResponse): void {
  expect(res.contentType).toMatch(/application\/json/);
  if (vendor === 'lightdash') {
    expect(res.body).toMatchObject({ status: 'error', error: { statusCode: res.status, name: expect.any(String) } });
    if (res.status >= 500) expect(res.body.error).toMatchObject({ name: 'UnexpectedServerError', data: {} });
    return;
  }
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(typeof res.body.message).toBe('string');
  if (vendor === 'looker') expect(res.body.documentation_url).toMatch(/^https:\/\/cloud\.google\.com\/looker\/docs/);
}

describe.each(VENDORS)('%s refuses hostile bodies in its own format', (vendor) => {
  it('refuses invalid JSON', async () => {
    const res = await refused(vendor, { raw: '{"data": [', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe({ snag: 400, looker: 400, lightdash: 500 }[vendor]);
  });

  it('refuses a content type it does not take, and takes JSON sent without one', async () => {
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      await refused(vendor, { raw: JSON.stringify(WRITES[vendor]!.body), headers: { 'content-type': type } });
    }
    const untyped = await send(mock, vendor, { ...WRITES[vendor]!, raw: Buffer.from(JSON.stringify(WRITES[vendor]!.body)), headers: auth[vendor] });
    // express.json() parses application/json only: Lightdash's TSOA sees {} and names the required fields.
    if (vendor === 'lightdash') expect(untyped.status).toBe(422);
    else expect(untyped.status).toBeLessThan(300);
  });

  it('refuses an empty body', async () => {
    await refused(vendor, { raw: '', headers: { 'content-type': 'application/json' } });
    await refused(vendor, { raw: '   ', headers: { 'content-type': 'application/json' } });
  });

  it('refuses invalid UTF-8', async () => {
    await refused(vendor, { raw: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), headers: { 'content-type': 'application/json' } });
  });

  it('refuses JSON nested 100,000 levels deep, at the top and inside a field, without a crash', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    await refused(vendor, { raw: deep, headers: { 'content-type': 'application/json' } });
    const inside = JSON.stringify(WRITES[vendor]!.body).replace(/^\{/, `{"nested":${deep},`);
    await refused(vendor, { raw: inside, headers: { 'content-type': 'application/json' } });
    await refused(vendor, { raw: '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000), headers: { 'content-type': 'application/json' } });
  });

  it('answers a body over the limit with its payload-too-large error and changes nothing', async () => {
    const big = JSON.stringify({ ...(WRITES[vendor]!.body as object), padding: 'x'.repeat(SMALL_LIMIT * 4) });
    const res = await refused(vendor, { raw: big, headers: { 'content-type': 'application/json' } }, small);
    const expected = small.engine.formatError(vendor, { kind: 'payload_too_large' });
    // 413 in the vendor's format (Lightdash's PayloadTooLargeError since lightdash#20707).
    expect(res.status).toBe(413);
    expect(res.status).toBe(expected.status);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(expected.body as object).sort());
  });

  it('limits a compressed body after decompression too, and still takes a small gzipped one', async () => {
    const bomb = gzipSync(Buffer.alloc(SMALL_LIMIT * 256, 0x20));
    expect(bomb.length).toBeLessThan(SMALL_LIMIT);
    const res = await refused(vendor, { raw: bomb, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }, small);
    expect(res.status).toBe(small.engine.formatError(vendor, { kind: 'payload_too_large' }).status);
    const zipped = gzipSync(JSON.stringify(WRITES[vendor]!.body));
    const ok = await send(mock, vendor, { ...WRITES[vendor]!, raw: zipped, headers: { ...auth[vendor], 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(ok.status).toBeLessThan(300);
  });
});

describe('bodies over the limit are not read', () => {
  const head = (extra: string) =>
    `POST /snag/api/website_user_attributes/values HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-KEY: ${SNAG.key}\r\nContent-Type: application/json\r\n${extra}\r\n`;
  const TOTAL = 64 * 1024 * 1024;

  it('answers 413 to a declared 64 MiB body long before it is sent, and closes the connection', async () => {
    const result = await flood(small.port, head(`Content-Length: ${TOTAL}\r\n`), Buffer.alloc(16 * 1024, 0x20), TOTAL);
    expect(result.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(JSON.parse(result.body!)).toEqual({ message: 'Request body is too large' });
    expect(result.writtenWhenAnswered).toBeLessThan(TOTAL / 4);
    expect(result.closed).toBe(true);
  });

  it('answers 413 to an endless chunked body as soon as it passes the limit', async () => {
    const chunk = `4000\r\n${' '.repeat(0x4000)}\r\n`;
    const result = await flood(small.port, head('Transfer-Encoding: chunked\r\n'), chunk, TOTAL);
    expect(result.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(result.writtenWhenAnswered).toBeLessThan(TOTAL / 4);
    expect((await send(small, 'snag', { method: 'GET', path: '/api/website_user_attributes', headers: auth.snag })).status).toBe(200);
  });
});

describe('clients that hang up', () => {
  it('survives a client that sends half a body and disconnects, and a slow one that never finishes its headers', async () => {
    for (const head of [`Content-Length: 1000\r\n\r\n{"data":`, 'Transfer-Encoding: chunked\r\n\r\n5\r\n{"dat']) {
      const socket = net.connect(mock.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(`POST /snag/api/website_user_attributes/values HTTP/1.1\r\nHost: x\r\nX-API-KEY: ${SNAG.key}\r\nContent-Type: application/json\r\n${head}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
    }
    const slow = net.connect(mock.port, '127.0.0.1');
    slow.write('GET /snag/api/website_user_attributes HTTP/1.1\r\nHost: x\r\n');
    const before = snapshotOf(mock, 'snag');
    expect((await send(mock, 'snag', { ...WRITES.snag!, headers: auth.snag })).status).toBe(200);
    expect(snapshotOf(mock, 'snag')).not.toBe(before);
    slow.destroy();
  });
});

describe('__proto__, constructor and prototype reach no prototype, in bodies, forms, queries or the store', () => {
  const prototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
  let before: string[];
  beforeEach(() => (before = prototypeKeys()));
  afterEach(() => {
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(VENDORS)('%s refuses a body with a __proto__ key, at the top or nested, and changes nothing', async (vendor) => {
    const text = JSON.stringify(WRITES[vendor]!.body);
    await refused(vendor, { raw: text.replace(/^\{/, '{"__proto__":{"polluted":1},'), headers: { 'content-type': 'application/json' } });
    await refused(vendor, { raw: text.replace(/^\{/, '{"x":[{"\\u005f_proto__":{"polluted":1}}],'), headers: { 'content-type': 'application/json' } });
  });

  it.each(VENDORS)('%s treats constructor and prototype keys as plain data', async (vendor) => {
    const text = JSON.stringify(WRITES[vendor]!.body).replace(/^\{/, '{"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1},');
    const res = await send(mock, vendor, { ...WRITES[vendor]!, raw: text, headers: { ...auth[vendor], 'content-type': 'application/json' } });
    if (res.status >= 300) expectVendorError(vendor, res);
  });

  it('refuses a __proto__ form field at the Looker login and ignores __proto__ query parameters', async () => {
    const form = await send(mock, 'looker', { method: 'POST', path: '/api/4.0/login', raw: '__proto__=polluted&client_id=looker-dev-client-id&client_secret=looker-dev-client-secret', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectVendorError('looker', form);
    const query = await send(mock, 'snag', { method: 'GET', path: '/api/website_user_attributes', query: { __proto__: 'x', 'constructor[prototype][polluted]': '1', 'limit': '1' } as any, headers: auth.snag });
    expect(query.status).toBe(200);
    expect(query.body.data).toHaveLength(1);
  });

  it('keeps a repeated __proto__ query parameter from becoming the request query\'s prototype', () => {
    const query = Object.create(null) as Record<string, unknown>;
    query.__proto__ = ['a', 'b'];
    query.limit = '1';
    const request = toMockRequest({ method: 'GET', path: '/x', query, headers: {}, body: undefined } as unknown as Request);
    expect(Object.getPrototypeOf(request.query)).toBe(Object.prototype);
    expect(request.query).toEqual({ limit: '1' });
  });

  it('stores names and ids like __proto__, constructor and hasOwnProperty as plain keys, uniqueness intact', async () => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty']) {
      const created = await send(mock, 'lightdash', { method: 'POST', path: '/api/v1/org/attributes', headers: auth.lightdash, body: { name, attributeDefault: name, users: [], groups: [] } });
      expect(created.status).toBe(201);
      const again = await send(mock, 'lightdash', { method: 'POST', path: '/api/v1/org/attributes', headers: auth.lightdash, body: { name, attributeDefault: null, users: [], groups: [] } });
      expect(again.status).toBe(500);
      const looker = await send(mock, 'looker', { method: 'POST', path: '/api/4.0/user_attributes', headers: auth.looker, body: { name: name.toLowerCase(), label: name, type: 'string' } });
      expect(looker.status).toBe(200);
      const lookerAgain = await send(mock, 'looker', { method: 'POST', path: '/api/4.0/user_attributes', headers: auth.looker, body: { name: name.toLowerCase(), label: name, type: 'string' } });
      expect(lookerAgain.status).toBe(422);
      for (const [vendor, path] of [['looker', `/api/4.0/user_attributes/${name}`], ['looker', `/api/4.0/users/${name}`], ['lightdash', `/api/v1/org/attributes/${name}`]] as const) {
        const res = await send(mock, vendor, { method: vendor === 'looker' ? 'GET' : 'DELETE', path, headers: auth[vendor] });
        expectVendorError(vendor, res);
      }
    }
    const names = (await send(mock, 'lightdash', { method: 'GET', path: '/api/v1/org/attributes', headers: auth.lightdash })).body.results.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'hasOwnProperty']));
    for (const session of ['__proto__', 'constructor', 'hasOwnProperty']) {
      const res = await send(mock, 'snag', { method: 'GET', path: '/api/website_user_attributes', headers: { ...auth.snag, 'x-attrmock-session': session } });
      expect(res.status, session).toBe(200);
    }
    for (const credential of ['__proto__', 'constructor', 'toString']) {
      expect((await send(mock, 'snag', { method: 'GET', path: '/api/website_user_attributes', headers: { 'x-api-key': credential } })).status).toBe(403);
      expect((await send(mock, 'lightdash', { method: 'GET', path: '/api/v1/org/attributes', headers: { authorization: `ApiKey ${credential}` } })).status).toBe(401);
      expect((await send(mock, 'looker', { method: 'GET', path: '/api/4.0/user', headers: { authorization: `token ${credential}` } })).status).toBe(401);
      expect((await send(mock, 'looker', { method: 'POST', path: '/api/4.0/login', form: { client_id: credential, client_secret: credential } })).status).toBe(404);
    }
  });
});

describe('long strings and ids', () => {
  it('stores and returns a 200,000-character value unchanged', async () => {
    const value = 'é'.repeat(100_000) + '𝄞'.repeat(50_000);
    const body = { ...(WRITES.snag!.body as object), data: [{ websiteUserAttributeId: SNAG.teamAttributeId, userId: SNAG.userId, value }] };
    expect((await send(mock, 'snag', { method: 'POST', path: '/api/website_user_attributes/values', headers: auth.snag, body })).status).toBe(200);
    const listed = await send(mock, 'snag', { method: 'GET', path: '/api/website_user_attributes/values', query: { userIds: SNAG.userId }, headers: auth.snag });
    expect(listed.body.data.find((v: { customFieldId: string }) => v.customFieldId === SNAG.teamAttributeId).value).toBe(value);
  });

  it('answers 8,000-character ids in paths with the vendor error', async () => {
    const id = 'a1'.repeat(4000);
    expectVendorError('snag', await send(mock, 'snag', { method: 'DELETE', path: `/api/website_user_attributes/${id}`, headers: auth.snag }));
    expectVendorError('looker', await send(mock, 'looker', { method: 'GET', path: `/api/4.0/user_attributes/${id}`, headers: auth.looker }));
    expectVendorError('lightdash', await send(mock, 'lightdash', { method: 'DELETE', path: `/api/v1/org/attributes/${id}`, headers: auth.lightdash }));
  });

  it('refuses a URL over the HTTP server limit with 431 and keeps serving', async () => {
    const res = await rawRequest(mock.port, 'GET', `/snag/api/website_user_attributes/values?userIds=${'a'.repeat(40_000)}`, auth.snag);
    expect(res.status).toBe(431);
    expect((await send(mock, 'snag', { method: 'GET', path: '/api/website_user_attributes', headers: auth.snag })).status).toBe(200);
  });
});

describe('percent-encoded path tricks stay inside the operation they name', () => {
  const tricks = ['..%2F..%2F..%2F__admin%2Freset', '%2e%2e', '%2E%2E%2F%2E%2E', '%252e%252e%252f', `${SNAG.tierAttributeId}%00`, `${SNAG.tierAttributeId}%2F..`, '%ZZ', '%', '%C0%AE%C0%AE', '%E2%80%AE'];

  it.each(tricks)('answers DELETE …/%s in each vendor\'s format without touching state', async (trick) => {
    for (const [vendor, prefix] of [['snag', '/snag/api/website_user_attributes/'], ['lightdash', '/lightdash/api/v1/org/attributes/'], ['looker', '/looker/api/4.0/user_attributes/']] as const) {
      const before = snapshotOf(mock, vendor);
      const res = await rawRequest(mock.port, 'DELETE', prefix + trick, auth[vendor]);
      expectVendorError(vendor, { ...res, contentType: 'application/json' });
      expect(snapshotOf(mock, vendor)).toBe(before);
    }
  });

  it('never reaches /__admin or another vendor through dot segments', async () => {
    await send(mock, 'snag', { ...WRITES.snag!, headers: auth.snag });
    const written = snapshotOf(mock, 'snag');
    for (const path of ['/snag/../__admin/reset', '/snag/%2e%2e/__admin/reset', '/snag/api/..%2F..%2F__admin/reset', '/lightdash/..%2Fsnag/api/website_user_attributes']) {
      const res = await rawRequest(mock.port, 'POST', path, auth.snag);
      expect(res.status, path).not.toBe(200);
    }
    expect(snapshotOf(mock, 'snag')).toBe(written);
  });
});

describe('duplicate and huge query values', () => {
  const list = (query: Record<string, string | string[]>) => send(mock, 'snag', { method: 'GET', path: '/api/website_user_attributes', query, headers: auth.snag });

  it('takes the last of a repeated scalar parameter and every value of a repeated array one', async () => {
    expect((await list({ limit: ['1', '2'] })).body.data).toHaveLength(2);
    expect((await list({ limit: ['2', '1'] })).body.data).toHaveLength(1);
    expectVendorError('snag', await list({ limit: ['2', '1000'] }));
    const both = await send(mock, 'snag', { method: 'GET', path: '/api/website_user_attributes/values', query: { userIds: [SNAG.userId, SNAG.userId, SNAG.secondUserId] }, headers: auth.snag });
    expect(both.status).toBe(200);
    expect(both.body.data).toHaveLength(1);
  });

  it('applies the same rule in Lightdash and Looker: the last scalar wins, repeated list values add up', async () => {
    const page = await send(mock, 'lightdash', { method: 'GET', path: '/api/v1/org/users', query: { page: ['1', '2'], pageSize: '1' }, headers: auth.lightdash });
    expect(page.body.results.pagination).toMatchObject({ page: 2, pageSize: 1 });
    const fields = await send(mock, 'looker', { method: 'GET', path: '/api/4.0/users', query: { fields: ['email', 'id'], ids: ['1,2', '3'] }, headers: auth.looker });
    expect(fields.status).toBe(200);
    expect(fields.body).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }]);
  });

  it.each(['101', '1e30', '99999999999999999999999', 'Infinity', '-Infinity', 'NaN', '1e400', '-1', '0'])('refuses Snag limit=%s with 400', async (limit) => {
    const res = await list({ limit });
    expect(res.status).toBe(400);
    expectVendorError('snag', res);
  });

  it.each(['Infinity', '1e400', '-Infinity', 'NaN'])('refuses non-finite numbers (%s) for Lightdash and Looker paging', async (n) => {
    for (const key of ['page', 'pageSize', 'includeGroups']) {
      const res = await send(mock, 'lightdash', { method: 'GET', path: '/api/v1/org/users', query: { page: '1', pageSize: '2', [key]: n }, headers: auth.lightdash });
      expect(res.status, `${key}=${n}`).toBe(422);
      expectVendorError('lightdash', res);
    }
    for (const key of ['limit', 'offset', 'page', 'per_page']) {
      const res = await send(mock, 'looker', { method: 'GET', path: '/api/4.0/users', query: { [key]: n }, headers: auth.looker });
      expect(res.status, `${key}=${n}`).toBe(400);
      expectVendorError('looker', res);
    }
  });

  it('answers huge but finite page sizes with what exists', async () => {
    const looker = await send(mock, 'looker', { method: 'GET', path: '/api/4.0/users', query: { limit: '99999999999999999999', offset: '0' }, headers: auth.looker });
    expect(looker.status).toBe(200);
    expect(looker.body).toHaveLength(7);
    const lightdash = await send(mock, 'lightdash', { method: 'GET', path: '/api/v1/org/users', query: { page: '1', pageSize: '1e300' }, headers: auth.lightdash });
    expect(lightdash.status).toBe(200);
    expect(lightdash.body.results.pagination).toMatchObject({ page: 1, pageSize: 1e300, totalPageCount: 1 });
  });
});
