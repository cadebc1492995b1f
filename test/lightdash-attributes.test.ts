import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';

// Named entities of fixtures/lightdash.yaml.
const ORG = '9f5b2e3c-1a4d-4c7e-8b6f-0a1b2c3d4e5f';
const GLOBEX = '3c8d7e6f-5a4b-4d2c-9e1f-8a7b6c5d4e3f';
const VIEWER = '80fb8b59-d6b7-4ed6-b969-9849310f3e53';
const EDITOR = '2f0e6b1c-7d4a-4e8b-9c3d-5a6b7c8d9e0f';
const GLOBEX_ANALYST = 'd5f6a7b8-c9d0-4e1f-9a2b-3c4d5e6f7a8b';
const SALES = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const MARKETING = '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b';
const FINANCE = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const REGION = '5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a';
const IS_INTERNAL = '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d';
const COST_CENTER = 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b';
const ADMIN = 'ApiKey lightdash-dev-token';
const VIEWER_TOKEN = 'ApiKey lightdash-viewer-token';
const GLOBEX_ADMIN = 'ApiKey lightdash-globex-token';

const UNEXPECTED = { status: 'error', error: { statusCode: 500, name: 'UnexpectedServerError', message: 'Unexpected error in Lightdash server.', data: {} } };
const FORBIDDEN = { status: 'error', error: { statusCode: 403, name: 'ForbiddenError', message: "You don't have access to this resource or action", data: {} } };

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
});
afterAll(async () => mock.close());
beforeEach(() => mock.reset());

async function call(method: string, path: string, options: { auth?: string; json?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.auth) headers.authorization = options.auth;
  let body: string | undefined = options.raw;
  if (options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${mock.url}/lightdash/api/v1/org${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const list = async (auth = ADMIN) => (await call('GET', '/attributes', { auth })).body.results as Array<Record<string, any>>;
const newAttribute = (overrides: Record<string, unknown> = {}) => ({ name: 'department', description: 'Team', attributeDefault: null, users: [], groups: [], ...overrides });

describe('GET /api/v1/org/attributes', () => {
  it('lists the caller organization attributes newest first, with member emails and no empty description', async () => {
    const res = await call('GET', '/attributes', { auth: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.results.map((a: any) => a.uuid)).toEqual([IS_INTERNAL, REGION]);
    const [internal, region] = res.body.results;
    expect(internal).not.toHaveProperty('description');
    expect(internal.users).toEqual([
      { userUuid: 'b264d83a-9000-426a-85ec-3f9c20f368ce', value: 'true', email: 'demo@lightdash.com' },
      { userUuid: EDITOR, value: 'true', email: 'editor@lightdash.com' },
    ]);
    expect(region).toEqual({
      uuid: REGION, createdAt: '2024-04-01T08:00:00.000Z', name: 'region', organizationUuid: ORG, description: 'Sales region a user may see',
      attributeDefault: null, users: [{ userUuid: VIEWER, value: 'EMEA', email: 'viewer@lightdash.com' }], groups: [{ groupUuid: SALES, value: 'AMER' }],
    });
  });

  it('shows each organization only its own attributes, decided by the token', async () => {
    expect((await list(GLOBEX_ADMIN)).map((a) => a.uuid)).toEqual([COST_CENTER]);
    expect((await list(GLOBEX_ADMIN))[0]!.organizationUuid).toBe(GLOBEX);
  });

  it("refuses a non-admin's token with 403 ForbiddenError", async () => {
    const res = await call('GET', '/attributes', { auth: VIEWER_TOKEN });
    expect(res.status).toBe(403);
    expect(res.body).toEqual(FORBIDDEN);
  });
});

describe('POST /api/v1/org/attributes', () => {
  it('creates an attribute and answers 201 with it, users carrying their email', async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: newAttribute({ users: [{ userUuid: VIEWER, value: 'ops' }], groups: [{ groupUuid: SALES, value: 'sales' }] }) });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('ok');
    expect(res.body.results).toMatchObject({
      name: 'department', description: 'Team', organizationUuid: ORG, attributeDefault: null,
      users: [{ userUuid: VIEWER, value: 'ops', email: 'viewer@lightdash.com' }], groups: [{ groupUuid: SALES, value: 'sales' }],
    });
    expect(res.body.results.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(res.body.results.createdAt).toISOString()).toBe(res.body.results.createdAt);
  });

  it('lists a new attribute first and exactly as create answered it', async () => {
    const created = (await call('POST', '/attributes', { auth: ADMIN, json: newAttribute() })).body.results;
    const listed = await list();
    expect(listed[0]).toEqual(created);
    expect(listed).toHaveLength(3);
  });

  it('omits an empty description and keeps a string attributeDefault', async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: newAttribute({ description: '', attributeDefault: 'none' }) });
    expect(res.body.results).not.toHaveProperty('description');
    expect(res.body.results.attributeDefault).toBe('none');
  });

  it('accepts any string as a name, as the API leaves the name format to the frontend', async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: newAttribute({ name: 'Not A Valid UI Name!' }) });
    expect(res.status).toBe(201);
  });

  it('answers 500 UnexpectedServerError for a name already used in the organization, and creates nothing', async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: newAttribute({ name: 'region' }) });
    expect(res.status).toBe(500);
    expect(res.body).toEqual(UNEXPECTED);
    expect(await list()).toHaveLength(2);
  });

  it('allows the same name in another organization', async () => {
    const res = await call('POST', '/attributes', { auth: GLOBEX_ADMIN, json: newAttribute({ name: 'region' }) });
    expect(res.status).toBe(201);
  });

  it.each([
    ['an unknown user', { users: [{ userUuid: '00000000-0000-4000-8000-000000000000', value: 'x' }] }],
    ['a user of another organization', { users: [{ userUuid: GLOBEX_ANALYST, value: 'x' }] }],
    ['a user listed twice', { users: [{ userUuid: VIEWER, value: 'a' }, { userUuid: VIEWER, value: 'b' }] }],
    ['an unknown group', { groups: [{ groupUuid: 'not-a-uuid', value: 'x' }] }],
    ['a group listed twice', { groups: [{ groupUuid: SALES, value: 'a' }, { groupUuid: SALES, value: 'b' }] }],
  ])('answers 500 UnexpectedServerError for %s, and creates nothing', async (_what, values) => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: newAttribute(values) });
    expect(res.status).toBe(500);
    expect(res.body).toEqual(UNEXPECTED);
    expect(await list()).toHaveLength(2);
  });

  it("accepts another organization's group, as only the groups foreign key is checked upstream", async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: newAttribute({ groups: [{ groupUuid: FINANCE, value: 'x' }] }) });
    expect(res.status).toBe(201);
  });

  it("stores users sent as one object as a one-item list, as TSOA's body coercion does", async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: { name: 'b3', attributeDefault: null, users: { userUuid: VIEWER, value: 'v' }, groups: [] } });
    expect(res.status).toBe(201);
    expect(res.body.results.users).toEqual([{ userUuid: VIEWER, value: 'v', email: 'viewer@lightdash.com' }]);
    expect((await list())[0]).toEqual(res.body.results);
  });

  it('stores groups sent as one object as a one-item list', async () => {
    const res = await call('POST', '/attributes', { auth: ADMIN, json: newAttribute({ groups: { groupUuid: SALES, value: 'sales' } }) });
    expect(res.status).toBe(201);
    expect(res.body.results.groups).toEqual([{ groupUuid: SALES, value: 'sales' }]);
  });

  it("refuses a non-admin's valid body with 403 ForbiddenError and creates nothing", async () => {
    const res = await call('POST', '/attributes', { auth: VIEWER_TOKEN, json: newAttribute() });
    expect(res.status).toBe(403);
    expect(res.body).toEqual(FORBIDDEN);
    expect(await list()).toHaveLength(2);
  });
});

describe('PUT /api/v1/org/attributes/{userAttributeUuid}', () => {
  it('replaces name, description, default, users and groups, keeping uuid and createdAt, and answers 201', async () => {
    const body = { name: 'territory', description: 'Territory', attributeDefault: 'ALL', users: [{ userUuid: EDITOR, value: 'APAC' }], groups: [{ groupUuid: MARKETING, value: 'LATAM' }] };
    const res = await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: body });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      status: 'ok',
      results: { uuid: REGION, createdAt: '2024-04-01T08:00:00.000Z', name: 'territory', organizationUuid: ORG, description: 'Territory', attributeDefault: 'ALL', users: [{ userUuid: EDITOR, value: 'APAC', email: 'editor@lightdash.com' }], groups: [{ groupUuid: MARKETING, value: 'LATAM' }] },
    });
    expect((await list()).find((a) => a.uuid === REGION)).toEqual(res.body.results);
  });

  it('takes uuids in any letter case as the same records, as Postgres uuid columns do', async () => {
    const body = { name: 'territory', attributeDefault: null, users: [{ userUuid: EDITOR.toUpperCase(), value: 'APAC' }], groups: [{ groupUuid: MARKETING.toUpperCase(), value: 'LATAM' }] };
    const res = await call('PUT', `/attributes/${REGION.toUpperCase()}`, { auth: ADMIN, json: body });
    expect(res.status).toBe(201);
    expect(res.body.results).toMatchObject({ uuid: REGION, users: [{ userUuid: EDITOR, value: 'APAC', email: 'editor@lightdash.com' }], groups: [{ groupUuid: MARKETING, value: 'LATAM' }] });
    expect((await call('DELETE', `/attributes/${REGION.toUpperCase()}`, { auth: ADMIN })).status).toBe(200);
    expect((await list()).some((a) => a.uuid === REGION)).toBe(false);
  });

  it('clears users and groups sent as empty lists', async () => {
    const res = await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: { name: 'region', attributeDefault: null, users: [], groups: [] } });
    expect(res.body.results).toMatchObject({ users: [], groups: [] });
  });

  it('keeps the stored description when the body leaves it out, as knex drops undefined columns from the UPDATE', async () => {
    const res = await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: { name: 'territory', attributeDefault: 'ALL', users: [], groups: [] } });
    expect(res.status).toBe(201);
    expect(res.body.results).toMatchObject({ name: 'territory', description: 'Sales region a user may see', attributeDefault: 'ALL' });
    expect((await list()).find((a) => a.uuid === REGION)).toEqual(res.body.results);
  });

  it('replaces the description with an explicit empty string (then omitted) and the default with an explicit null', async () => {
    await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: { name: 'region', attributeDefault: 'ALL', users: [], groups: [] } });
    const res = await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: { name: 'region', description: '', attributeDefault: null, users: [], groups: [] } });
    expect(res.body.results).not.toHaveProperty('description');
    expect(res.body.results.attributeDefault).toBeNull();
    const again = await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: { name: 'region', attributeDefault: null, users: [], groups: [] } });
    expect(again.body.results).not.toHaveProperty('description');
  });

  it("replaces users and groups sent as one object each, as TSOA's body coercion makes them one-item lists", async () => {
    const res = await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: { name: 'b3', attributeDefault: null, users: { userUuid: VIEWER, value: 'v' }, groups: { groupUuid: MARKETING, value: 'm' } } });
    expect(res.status).toBe(201);
    expect(res.body.results).toMatchObject({ users: [{ userUuid: VIEWER, value: 'v', email: 'viewer@lightdash.com' }], groups: [{ groupUuid: MARKETING, value: 'm' }] });
  });

  it('frees the old name for reuse after a rename', async () => {
    await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: newAttribute({ name: 'territory' }) });
    expect((await call('POST', '/attributes', { auth: ADMIN, json: newAttribute({ name: 'region' }) })).status).toBe(201);
  });

  it('answers 500 when renaming onto another attribute name, and changes nothing', async () => {
    const before = await list();
    const res = await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: newAttribute({ name: 'is_internal' }) });
    expect(res.body).toEqual(UNEXPECTED);
    expect(await list()).toEqual(before);
  });

  it('answers 500 for an unknown attribute uuid, even to a non-admin', async () => {
    for (const auth of [ADMIN, VIEWER_TOKEN]) {
      const res = await call('PUT', '/attributes/00000000-0000-4000-8000-000000000000', { auth, json: newAttribute() });
      expect(res.status).toBe(500);
      expect(res.body).toEqual(UNEXPECTED);
    }
  });

  it('answers 500 for an unknown user and keeps the old values', async () => {
    const before = await list();
    const res = await call('PUT', `/attributes/${REGION}`, { auth: ADMIN, json: newAttribute({ users: [{ userUuid: GLOBEX_ANALYST, value: 'x' }] }) });
    expect(res.status).toBe(500);
    expect(await list()).toEqual(before);
  });

  it("answers 403 for another organization's attribute and for a non-admin", async () => {
    expect((await call('PUT', `/attributes/${COST_CENTER}`, { auth: ADMIN, json: newAttribute() })).body).toEqual(FORBIDDEN);
    expect((await call('PUT', `/attributes/${REGION}`, { auth: VIEWER_TOKEN, json: newAttribute() })).body).toEqual(FORBIDDEN);
  });
});

describe('DELETE /api/v1/org/attributes/{userAttributeUuid}', () => {
  it('deletes the attribute and answers 200 {status: ok} with no results key', async () => {
    const res = await call('DELETE', `/attributes/${REGION}`, { auth: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect((await list()).map((a) => a.uuid)).toEqual([IS_INTERNAL]);
  });

  it('frees the name of a deleted attribute', async () => {
    await call('DELETE', `/attributes/${REGION}`, { auth: ADMIN });
    expect((await call('POST', '/attributes', { auth: ADMIN, json: newAttribute({ name: 'region' }) })).status).toBe(201);
  });

  it('answers 500 for an unknown or already deleted uuid', async () => {
    await call('DELETE', `/attributes/${REGION}`, { auth: ADMIN });
    const res = await call('DELETE', `/attributes/${REGION}`, { auth: ADMIN });
    expect(res.status).toBe(500);
    expect(res.body).toEqual(UNEXPECTED);
  });

  it("answers 403 for another organization's attribute and for a non-admin, deleting nothing", async () => {
    expect((await call('DELETE', `/attributes/${COST_CENTER}`, { auth: ADMIN })).status).toBe(403);
    expect((await call('DELETE', `/attributes/${REGION}`, { auth: VIEWER_TOKEN })).body).toEqual(FORBIDDEN);
    expect(await list()).toHaveLength(2);
    expect(await list(GLOBEX_ADMIN)).toHaveLength(1);
  });
});

describe('a client flow: create, list, replace, delete', () => {
  it('keeps attributes and member data consistent at every step', async () => {
    const members = (await call('GET', '/users', { auth: ADMIN })).body.results.data as Array<{ userUuid: string; email: string }>;
    const emailOf = new Map(members.map((m) => [m.userUuid, m.email]));
    const chosen = members.slice(0, 3);
    const created = (await call('POST', '/attributes', { auth: ADMIN, json: newAttribute({ users: chosen.map((m) => ({ userUuid: m.userUuid, value: 'v1' })) }) })).body.results;
    for (const u of created.users) expect(u.email).toBe(emailOf.get(u.userUuid));
    const replaced = (await call('PUT', `/attributes/${created.uuid}`, { auth: ADMIN, json: newAttribute({ users: [{ userUuid: chosen[2]!.userUuid, value: 'v2' }] }) })).body.results;
    expect(replaced.users).toEqual([{ userUuid: chosen[2]!.userUuid, value: 'v2', email: emailOf.get(chosen[2]!.userUuid) }]);
    expect((await list()).find((a) => a.uuid === created.uuid)).toEqual(replaced);
    expect((await call('DELETE', `/attributes/${created.uuid}`, { auth: ADMIN })).status).toBe(200);
    expect((await list()).some((a) => a.uuid === created.uuid)).toBe(false);
  });
});
