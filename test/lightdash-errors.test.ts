import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';

const REGION = '5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a';
const ADMIN = 'ApiKey lightdash-dev-token';
const VIEWER_TOKEN = 'ApiKey lightdash-viewer-token';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

async function call(method: string, path: string, options: { auth?: string; json?: unknown; raw?: string; prefer?: string; server?: RunningMock } = {}) {
  const headers: Record<string, string> = {};
  if (options.auth) headers.authorization = options.auth;
  if (options.prefer) headers.prefer = options.prefer;
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.raw;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${(options.server ?? mock).url}/lightdash/api/v1/org${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* plain text */
  }
  return { status: res.status, text, body: parsed, headers: res.headers };
}

const envelope = (statusCode: number, name: string, message: string, data: unknown = {}) => ({ status: 'error', error: { statusCode, name, message, data } });
const valid = { name: 'department', attributeDefault: null, users: [], groups: [] };
const attributeCount = async () => (await call('GET', '/attributes', { auth: ADMIN })).body.results.length;

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a Bearer token', 'Bearer lightdash-dev-token'],
    ['a lower-case scheme', 'apikey lightdash-dev-token'],
    ['an empty ApiKey', 'ApiKey '],
  ])('answers 401 with the plain body Unauthorized for %s', async (_what, auth) => {
    const res = await call('GET', '/attributes', { auth });
    expect(res.status).toBe(401);
    expect(res.text).toBe('Unauthorized');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('answers an unknown token with 401 AuthorizationError "Personal access token is not recognised"', async () => {
    const res = await call('GET', '/attributes', { auth: 'ApiKey not-a-token' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(envelope(401, 'AuthorizationError', 'Personal access token is not recognised'));
  });

  it('checks credentials on every operation, the member listings included', async () => {
    for (const [method, path] of [['GET', '/users'], ['GET', '/groups'], ['POST', '/attributes'], ['PUT', `/attributes/${REGION}`], ['DELETE', `/attributes/${REGION}`]] as const) {
      const res = await call(method, path, { auth: 'ApiKey wrong', json: method === 'POST' || method === 'PUT' ? valid : undefined });
      expect(res.body.error.name).toBe('AuthorizationError');
    }
  });
});

describe('TSOA body validation (422 ValidateError, message built from the fields since lightdash#18110)', () => {
  it("reports a missing name as TSOA reports an intersection member's field map", async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: { attributeDefault: null, users: [], groups: [] } });
    expect(res.status).toBe(422);
    expect(res.body.status).toBe('error');
    const message = `Could not match the intersection against every type. Issues: [{"body.name":{"message":"'name' is required"}}]`;
    expect(res.body.error).toMatchObject({ statusCode: 422, name: 'ValidateError', message: `body: ${message}` });
    expect(res.body.error.data.body.message).toBe(message);
  });

  it('reports every missing property of an empty body, grouped by intersection member', async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: {} });
    expect(res.status).toBe(422);
    expect(res.body.error.data.body.message).toBe(
      `Could not match the intersection against every type. Issues: [{"body.name":{"message":"'name' is required"},"body.attributeDefault":{"message":"'attributeDefault' is required"}},{"body.groups":{"message":"'groups' is required"},"body.users":{"message":"'users' is required"}}]`,
    );
  });

  it('names array items the way TSOA does (users.$0.value) and rejects wrong types', async () => {
    const res = await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: { ...valid, name: 5, users: [{ userUuid: 'u' }] } });
    expect(res.status).toBe(422);
    const message: string = res.body.error.data.body.message;
    expect(message).toMatch(/^Could not match the intersection against every type\. Issues: /);
    expect(message).toContain('"body.name":{"message":"invalid string value"');
    expect(message).toContain(`"users.$0.value":{"message":"'value' is required"}`);
  });

  it('rejects a top-level property outside the schema (throw-on-extras), echoing the body', async () => {
    const body = { ...valid, extra: 1 };
    const res = await call('POST', '/attributes', { auth: ADMIN, json: body });
    expect(res.status).toBe(422);
    const message = 'Could not match intersection against any of the possible combinations: [["description","name","attributeDefault","groups","users"]]';
    expect(res.body).toEqual(envelope(422, 'ValidateError', `body: ${message}`, { body: { message, value: body } }));
  });

  it('drops unknown properties inside users[] items silently, as TSOA does within an intersection', async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: { ...valid, users: [{ userUuid: '80fb8b59-d6b7-4ed6-b969-9849310f3e53', value: 'x', email: 'ignored@x' }] } });
    expect(res.status).toBe(201);
    expect(res.body.results.users[0].email).toBe('viewer@lightdash.com');
  });

  it("validates before the role check, so a non-admin's invalid body is a 422, not a 403", async () => {
    const res = await call('POST', '/attributes', { auth: VIEWER_TOKEN, json: { ...valid, extra: true } });
    expect(res.status).toBe(422);
  });

  it('changes nothing on a rejected body', async () => {
    await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: { ...valid, oops: 1 } });
    expect((await call('GET', '/attributes', { auth: ADMIN })).body.results.find((a: any) => a.uuid === REGION).name).toBe('region');
  });
});

describe('malformed JSON', () => {
  it("answers 500 UnexpectedServerError, as Lightdash's error handler treats body-parser's SyntaxError", async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, raw: '{"name": "x",' });
    expect(res.status).toBe(500);
    expect(res.body).toEqual(envelope(500, 'UnexpectedServerError', 'Unexpected error in Lightdash server.'));
    expect(await attributeCount()).toBe(2);
  });
});

describe('Prefer: code=NNN', () => {
  it.each([
    [400, 'ParameterError', 'Incorrect parameters'],
    [401, 'AuthorizationError', 'Failed to authorize user'],
    [403, 'ForbiddenError', "You don't have access to this resource or action"],
    [404, 'NotFoundError', 'Not found'],
    [409, 'AlreadyExistsError', 'Already exists'],
    [500, 'UnexpectedServerError', 'Unexpected error in Lightdash server.'],
    [503, 'RetryableNetworkError', 'Service unavailable'],
  ])('answers %i with Lightdash error %s in the envelope and creates nothing', async (status, name, message) => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: valid, prefer: `code=${status}` });
    expect(res.status).toBe(status);
    expect(res.body).toEqual(envelope(status, name, message));
    expect(await attributeCount()).toBe(2);
  });

  it('answers a forced 422 with the field map TSOA gives for a missing body, never an empty one', async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: valid, prefer: 'code=422' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ statusCode: 422, name: 'ValidateError', message: `body: ${res.body.error.data.body.message}` });
    expect(res.body.error.data.body.message).toMatch(/^Could not match the intersection against every type\. Issues: /);
    expect(await attributeCount()).toBe(2);
  });

  it('answers a forced 422 on an operation without a body with a field map that says it was forced', async () => {
    const res = await call('DELETE', `/attributes/${REGION}`, { auth: ADMIN, prefer: 'code=422' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ name: 'ValidateError', data: { attrmock: { message: expect.stringContaining('422') } } });
  });

  it('answers a forced 201 from the spec without creating anything', async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: valid, prefer: 'code=201' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('ok');
    expect(await attributeCount()).toBe(2);
  });

  it('refuses an undocumented code with 400 ParameterError', async () => {
    const res = await call('DELETE', `/attributes/${REGION}`, { auth: ADMIN, prefer: 'code=204' });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ParameterError');
    expect(await attributeCount()).toBe(2);
  });
});

describe('unknown routes', () => {
  it("answers Express's own HTML 404, as no Lightdash route takes the request", async () => {
    const res = await call('PATCH', '/attributes', { auth: ADMIN });
    expect(res.status).toBe(404);
    expect(res.text).toBe('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot PATCH /api/v1/org/attributes</pre>\n</body>\n</html>\n');
  });
});
