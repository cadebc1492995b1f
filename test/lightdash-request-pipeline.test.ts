import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { send, snapshotOf, watchForCrashes } from './support/hardening-harness.js';

/**
 * The body cases of Lightdash's real request pipeline (packages/backend/src/App.ts: express.json with
 * LIGHTDASH_MAX_PAYLOAD, default '5mb', app-wide before authentication; TSOA with throw-on-extras; errorHandler),
 * each as the Lightdash version the spec emulates (0.3233.0) answers it. The spec's x-attrmock-request-pipeline
 * names the source of each.
 */
const ADMIN = { authorization: 'ApiKey lightdash-dev-token' };
const JSON_TYPE = { 'content-type': 'application/json' };
const DAVID = 'b264d83a-9000-426a-85ec-3f9c20f368ce';
const valid = { name: 'department', attributeDefault: null, users: [], groups: [] };
const MIB = 1024 * 1024;

let mock: RunningMock;
let watcher: ReturnType<typeof watchForCrashes>;
beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  watcher = watchForCrashes(mock);
});
afterAll(async () => {
  watcher.stop();
  await mock.close();
});
afterEach(() => {
  mock.reset();
  expect(watcher.crashes.splice(0)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const post = (raw: string | Buffer, headers: Record<string, string> = { ...ADMIN, ...JSON_TYPE }) =>
  send(mock, 'lightdash', { method: 'POST', path: '/api/v1/org/attributes', raw, headers });

describe('express.json before authentication', () => {
  it('answers a body over 5 MiB with 413 PayloadTooLargeError, without a token (lightdash#20707)', async () => {
    const raw = JSON.stringify({ ...valid, padding: 'x'.repeat(5 * MIB) });
    const res = await post(raw, JSON_TYPE);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ status: 'error', error: { statusCode: 413, name: 'PayloadTooLargeError', message: 'request entity too large', data: {} } });
  });

  it('reads a body of just under 5 MiB (the limit is 5 MiB, not the mock-wide 1 MiB)', async () => {
    const raw = JSON.stringify({ ...valid, description: 'x'.repeat(5 * MIB - 200) });
    const res = await post(raw);
    expect(res.status).toBe(201);
  });

  it('answers a malformed body with its 500 UnexpectedServerError even without a token', async () => {
    for (const headers of [JSON_TYPE, { ...JSON_TYPE, authorization: 'ApiKey wrong' }]) {
      const res = await post('{"name": ', headers);
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ status: 'error', error: { statusCode: 500, name: 'UnexpectedServerError', message: 'Unexpected error in Lightdash server.', data: {} } });
    }
  });

  it('hands TSOA {} for a missing or non-JSON content type: 422 naming the required fields', async () => {
    const before = snapshotOf(mock, 'lightdash');
    for (const headers of [ADMIN, { ...ADMIN, 'content-type': 'text/plain' }, { ...ADMIN, 'content-type': 'application/vnd.api+json' }]) {
      const res = await post(JSON.stringify(valid), headers);
      expect(res.status).toBe(422);
      expect(res.body.error.data.body.message).toBe(
        `Could not match the intersection against every type. Issues: [{"body.name":{"message":"'name' is required"},"body.attributeDefault":{"message":"'attributeDefault' is required"}},{"body.groups":{"message":"'groups' is required"},"body.users":{"message":"'users' is required"}}]`,
      );
      expect(res.body.error.message).toBe(`body: ${res.body.error.data.body.message}`);
    }
    expect(snapshotOf(mock, 'lightdash')).toBe(before);
  });

  it('decodes invalid UTF-8 to U+FFFD, so a name with a stray byte is stored with the replacement character', async () => {
    const raw = Buffer.concat([Buffer.from('{"name":"team'), Buffer.from([0xff]), Buffer.from('","attributeDefault":null,"users":[],"groups":[]}')]);
    const res = await post(raw);
    expect(res.status).toBe(201);
    expect(res.body.results.name).toBe('team\uFFFD');
  });
});

describe('__proto__ is data, as JSON.parse makes it', () => {
  it('refuses a top-level __proto__ as a property outside the schema (TSOA throw-on-extras): 422, nothing written', async () => {
    const before = snapshotOf(mock, 'lightdash');
    const res = await post(`{"__proto__":{"polluted":1},${JSON.stringify(valid).slice(1)}`);
    expect(res.status).toBe(422);
    expect(res.body.error.data.body.message).toBe('Could not match intersection against any of the possible combinations: [["description","name","attributeDefault","groups","users"]]');
    expect(Object.keys(res.body.error.data.body.value)).toContain('__proto__');
    expect(snapshotOf(mock, 'lightdash')).toBe(before);
  });

  it('drops a __proto__ inside users[] and groups[] items, as TSOA drops their extras, and stores the rest', async () => {
    const raw = `{"name":"proto_items","attributeDefault":null,"users":[{"userUuid":"${DAVID}","value":"v","__proto__":{"polluted":1}}],"groups":[{"groupUuid":"9d615ede-5758-4954-9fb9-2a07fc415ba5","value":"g","__proto__":{"polluted":1}}]}`;
    const res = await post(raw);
    expect(res.status).toBe(201);
    expect(res.body.results.users).toEqual([{ userUuid: DAVID, value: 'v', email: 'demo@lightdash.com' }]);
    expect(res.body.results.groups).toEqual([{ groupUuid: '9d615ede-5758-4954-9fb9-2a07fc415ba5', value: 'g' }]);
  });

  it('survives __proto__ beside upper-case uuids, where the canonicaliser rewrites the object', async () => {
    const raw = `{"__proto__":{"userUuid":"${DAVID.toUpperCase()}"},"name":"x","members":[]}`;
    const res = await send(mock, 'lightdash', { method: 'POST', path: '/api/v1/org/groups', raw, headers: { ...ADMIN, ...JSON_TYPE } });
    expect(res.status).toBe(422);
  });
});

describe('unknown routes', () => {
  it("answer Express's HTML 404 for /api/* paths and methods no controller registers", async () => {
    for (const [method, path] of [['POST', '/api/v1/nope'], ['DELETE', '/api/v1/org/users'], ['GET', '/api/v2/whatever']] as const) {
      const res = await send(mock, 'lightdash', { method, path, headers: ADMIN });
      expect(res.status).toBe(404);
      expect(res.contentType).toBe('text/html; charset=utf-8');
      expect(res.text).toContain(`<pre>Cannot ${method} ${path}</pre>`);
    }
  });
});
