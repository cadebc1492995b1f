import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { entryBody } from '../src/verify/entry-body.js';
import { VerificationError } from '../src/verify/verifier.js';
import { http } from './support/http.js';
import { SNAG_VALUES_PATH, snagValueWrite } from './support/admin.js';
import { SNAG } from './support/snag-world.js';
import { snagTraffic } from './support/snag-traffic.js';

let mock: RunningMock;
const { write, listValues, listAttributes } = snagTraffic(() => mock.url);

beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent' });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function failure(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VerificationError);
    return (error as Error).message;
  }
  throw new Error('expected the verification to fail');
}

describe('mock.verify', () => {
  it('passes on a matching operation and body, as toMatchObject matches, asymmetric matchers included', async () => {
    await write('gold');
    mock.verify({ operationId: 'createWebsiteUserAttributeValues', body: { data: [{ value: 'gold' }] } });
    mock.verify({ vendor: 'snag', method: 'post', path: SNAG_VALUES_PATH, status: '2xx', times: 1 });
    mock.verify({ body: { data: [{ value: expect.stringMatching(/^go/) }], websiteId: expect.any(String) } });
  });

  it('fails listing the near misses first: the same operation with another body, then the same path with another method', async () => {
    await listAttributes();
    await listValues();
    await write('silver');
    const message = failure(() => mock.verify({ operationId: 'createWebsiteUserAttributeValues', body: { data: [{ value: 'gold' }] } }));
    expect(message).toContain('expected at least one request matching { operationId: "createWebsiteUserAttributeValues", body: {"data":[{"value":"gold"}]} }, received 0');
    expect(message).toContain('body.data[0].value: expected "gold", received "silver"');
    expect(message).toContain('operationId: expected createWebsiteUserAttributeValues, received listWebsiteUserAttributeValues (same path, other method)');
    const order = ['POST /snag/api/website_user_attributes/values', 'GET /snag/api/website_user_attributes/values', 'GET /snag/api/website_user_attributes '].map((line) => message.indexOf(line));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('counts exactly with times, listing the matches when there are too many, and times: 0 asserts none came', async () => {
    await write('a');
    await write('b');
    await write('c');
    mock.verify({ operationId: 'createWebsiteUserAttributeValues', times: 3 });
    const message = failure(() => mock.verify({ operationId: 'createWebsiteUserAttributeValues', times: 2 }));
    expect(message).toMatch(/expected exactly 2 requests matching .*, received 3:/);
    expect(message.match(/POST \/snag\/api\/website_user_attributes\/values/g)).toHaveLength(3);
    mock.verify({ operationId: 'deleteWebsiteUserAttribute', times: 0 });
    expect(failure(() => mock.verify({ operationId: 'createWebsiteUserAttributeValues', times: 0 }))).toContain('expected no request matching');
  });

  it('says when the journal is full, so older requests are no longer seen', async () => {
    const small = await startMock({ port: 0, logLevel: 'silent', journalSize: 2 });
    try {
      const traffic = snagTraffic(() => small.url);
      await traffic.write('gold');
      await traffic.listValues();
      await traffic.listValues();
      expect(failure(() => small.verify({ operationId: 'createWebsiteUserAttributeValues' }))).toContain('The journal keeps the last 2 requests only; raise journalSize');
    } finally {
      await small.close();
    }
  });

  it('says when nothing was received at all', () => {
    expect(failure(() => mock.verify({ operationId: 'listWebsiteUserAttributes' }))).toContain('The mock has received no requests');
  });

  it('refuses a pattern nothing could match rather than passing or failing on a typo', () => {
    expect(() => mock.verify({ operationId: 'createWebsiteUserAttribute' })).toThrow(/no vendor operation createWebsiteUserAttribute; did you mean createWebsiteUserAttributes\?/);
    expect(() => mock.verify({ vendor: 'snagg' })).toThrow(/unknown vendor snagg/);
    expect(() => mock.verify({ operationid: 'x' } as never)).toThrow(/unknown field operationid/);
    expect(() => mock.verify({ path: '/snag/api/website_user_attributes?limit=1' })).toThrow(/has a query/);
  });

  it('matches the spec\'s path template and a RegExp, and a forgotten session header is a near miss', async () => {
    await http(`${mock.url}/snag/api/website_user_attributes/${SNAG.tierAttributeId}`, { method: 'DELETE', headers: { 'x-api-key': SNAG.key }, json: { id: SNAG.tierAttributeId, organizationId: SNAG.organizationId, websiteId: SNAG.websiteId } });
    mock.verify({ path: '/snag/api/website_user_attributes/{id}', method: 'DELETE' });
    mock.verify({ path: /website_user_attributes\/[0-9a-f-]{36}$/ });
    await listValues();
    const worker = mock.session('worker-1');
    expect(failure(() => worker.verify({ operationId: 'listWebsiteUserAttributeValues' }))).toContain('session: expected worker-1, received default');
    await listValues('worker-1');
    worker.verify({ operationId: 'listWebsiteUserAttributeValues', times: 1 });
    expect(worker.requests()).toHaveLength(1);
  });
});

describe('mock.requests, mock.session, mock.verifyNothingElse', () => {
  it('returns journal entries oldest first, filtered like verify', async () => {
    await write('first');
    await listValues();
    await write('second');
    const writes = mock.requests({ operationId: 'createWebsiteUserAttributeValues' });
    expect(writes.map((entry) => (entry.body as { data: Array<{ value: string }> }).data[0]!.value)).toEqual(['first', 'second']);
    expect(mock.requests().map((entry) => entry.method)).toEqual(['POST', 'GET', 'POST']);
    expect(mock.requests({ status: 200, method: 'GET' })).toHaveLength(1);
  });

  it('gives a test worker its own world through the session headers', async () => {
    const worker = mock.session('worker-2');
    expect(worker.url).toBe(mock.url);
    await http(`${worker.url}${SNAG_VALUES_PATH}`, snagValueWrite('worker value', 'worker-2'));
    const own = await http(`${worker.url}${SNAG_VALUES_PATH}?userIds=${SNAG.userId}`, { headers: { 'x-api-key': SNAG.key, ...worker.headers } });
    const shared = await listValues();
    const team = (res: { body: { data: Array<{ customFieldId: string; value: string }> } }) => res.body.data.find((v) => v.customFieldId === SNAG.teamAttributeId)?.value;
    expect(team(own)).toBe('worker value');
    expect(team(shared)).not.toBe('worker value');
    worker.reset();
    expect(worker.requests()).toHaveLength(0);
    expect(mock.requests()).toHaveLength(1);
  });

  it('lists what no passing verification covered', async () => {
    await write('gold');
    await listValues();
    expect(() => mock.verifyNothingElse()).toThrow(VerificationError);
    mock.verify({ operationId: 'createWebsiteUserAttributeValues' });
    const message = failure(() => mock.verifyNothingElse());
    expect(message).toContain('1 request was not verified');
    expect(message).toContain('GET /snag/api/website_user_attributes/values');
    expect(message).not.toContain('POST');
    mock.verify({ operationId: 'listWebsiteUserAttributeValues' });
    mock.verifyNothingElse();
  });
});

describe('mock.fault', () => {
  it('returns a live handle: fired counts, a used-up rule goes inactive, remove() takes it out', async () => {
    const twice = mock.fault({ operationId: 'listWebsiteUserAttributes', status: 503, times: 2 });
    expect([twice.fired, twice.active]).toEqual([0, true]);
    expect((await listAttributes()).status).toBe(503);
    expect(twice.fired).toBe(1);
    expect((await listAttributes()).status).toBe(503);
    expect([twice.fired, twice.active]).toEqual([2, false]);
    expect((await listAttributes()).status).toBe(200);

    const always = mock.fault({ path: '/snag/api/website_user_attributes', status: 429 });
    expect((await listAttributes()).status).toBe(429);
    expect(always.remove()).toBe(true);
    expect(always.remove()).toBe(false);
    expect((await listAttributes()).status).toBe(200);
    mock.verify({ operationId: 'listWebsiteUserAttributes', status: '5xx', times: 2 });
  });

  it('refuses an invalid rule with what the admin API would say, and warns of an undocumented status', () => {
    expect(() => mock.fault({ operationId: 'listWebsiteUserAttributes' })).toThrow(/give the rule an effect/);
    expect(() => mock.fault({ operationId: 'nope', status: 500 })).toThrow(/no vendor has operationId nope/);
    expect(mock.fault({ operationId: 'listWebsiteUserAttributes', status: 418 }).warnings[0]).toMatch(/not documented/);
  });
});

describe('journal bodies kept as text', () => {
  it('are compared parsed: JSON as JSON, a form as its fields, anything cut short as text', () => {
    expect(entryBody({ body: '{"data":[{"value":"x"}]}', headers: { 'content-type': 'application/json' } })).toEqual({ data: [{ value: 'x' }] });
    expect(entryBody({ body: 'client_id=%5BREDACTED%5D&a=1&a=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toEqual({ client_id: '[REDACTED]', a: ['1', '2'] });
    expect(entryBody({ body: '{"data":[{"val…', headers: { 'content-type': 'application/json' } })).toBe('{"data":[{"val…');
  });
});
