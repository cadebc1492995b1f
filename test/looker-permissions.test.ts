import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { lookerVendor } from '../src/vendors/looker/index.js';
import { ADMIN_ONLY_OPERATIONS } from '../src/vendors/looker/permissions.js';
import { snapshotOf } from './support/hardening-harness.js';
import { http } from './support/http.js';

/** fixtures/looker.yaml: user 1 (role 2, Admin) and user 2, the analyst (role 3). */
const ADMIN = 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret';
const ANALYST = 'client_id=looker-analyst-client-id&client_secret=looker-analyst-client-secret';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const docs = (status: number, route: string) => `https://cloud.google.com/looker/docs/r/err/4.0/${status}/${route}`;
const notFound = (route: string) => ({ message: 'Not found', documentation_url: docs(404, route) });
const forbidden = (message: string, route: string) => ({ message, documentation_url: docs(403, route) });

type Caller = ReturnType<typeof callerFor>;

function callerFor(api: string, token: string) {
  const headers = { authorization: `token ${token}` };
  return {
    get: (p: string) => http(`${api}${p}`, { headers }),
    send: (method: string, p: string, json: unknown) => http(`${api}${p}`, { method, headers, json }),
    remove: (p: string) => http(`${api}${p}`, { method: 'DELETE', headers }),
  };
}

async function login(api: string, credentials: string): Promise<Caller> {
  const res = await http(`${api}/login`, { method: 'POST', headers: FORM, body: credentials });
  expect(res.status).toBe(200);
  return callerFor(api, res.body.access_token as string);
}

let mock: RunningMock;
let api: string;
let admin: Caller;
let analyst: Caller;

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  api = `${mock.url}/looker/api/4.0`;
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  mock.reset();
  admin = await login(api, ADMIN);
  analyst = await login(api, ANALYST);
});

/** Runs refused requests and checks that the whole Looker world (values, definitions, ids) is as before. */
async function refusedWithoutWrites(requests: () => Promise<void>): Promise<void> {
  const before = snapshotOf(mock, 'looker');
  await requests();
  expect(snapshotOf(mock, 'looker')).toBe(before);
}

describe('looker permissions: what a non-admin may not manage answers 404, as Looker hides it', () => {
  it('answers 404 Not found for creating, updating and deleting an attribute, even with a body that breaks the rules', async () => {
    await refusedWithoutWrites(async () => {
      expect(await analyst.send('POST', '/user_attributes', { name: 'team', label: 'Team', type: 'string' })).toMatchObject({ status: 404, body: notFound('post/user_attributes') });
      expect(await analyst.send('POST', '/user_attributes', {})).toMatchObject({ status: 404, body: notFound('post/user_attributes') });
      expect(await analyst.send('PATCH', '/user_attributes/3', { label: 'Area' })).toMatchObject({ status: 404, body: notFound('patch/user_attributes/:user_attribute_id') });
      expect(await analyst.remove('/user_attributes/3')).toMatchObject({ status: 404, body: notFound('delete/user_attributes/:user_attribute_id') });
    });
    expect((await admin.get('/user_attributes')).body).toHaveLength(8);
    expect((await admin.get('/user_attributes/3')).body).toMatchObject({ name: 'region', label: 'Region' });
  });

  it('answers 404 Not found for replacing an attribute\'s group values', async () => {
    await refusedWithoutWrites(async () => {
      const res = await analyst.send('POST', '/user_attributes/3/group_values', [{ group_id: '3', value: 'mine' }]);
      expect(res).toMatchObject({ status: 404, body: notFound('post/user_attributes/:user_attribute_id/group_values') });
    });
    const values = (await admin.get('/user_attributes/3/group_values')).body as Array<Record<string, unknown>>;
    expect(values.map((v) => [v.group_id, v.value])).toEqual([['3', 'emea'], ['4', 'amer']]);
  });

  it('answers 404 Not found for another user\'s values, and the caller\'s own', async () => {
    await refusedWithoutWrites(async () => {
      expect(await analyst.get('/users/3/attribute_values')).toMatchObject({ status: 404, body: notFound('get/users/:user_id/attribute_values') });
    });
    const own = await analyst.get('/users/2/attribute_values?user_attribute_ids=3');
    expect(own.status).toBe(200);
    expect(own.body).toEqual([expect.objectContaining({ user_id: '2', value: 'emea', source: 'group' })]);
  });

  it('answers 404 Not found for the group values of any attribute, which an admin still reads', async () => {
    const route = 'get/user_attributes/:user_attribute_id/group_values';
    await refusedWithoutWrites(async () => {
      for (const id of ['3', '4', '1', '99']) {
        expect(await analyst.get(`/user_attributes/${id}/group_values`)).toMatchObject({ status: 404, body: notFound(route) });
      }
      expect(await analyst.get('/user_attributes/3/group_values?fields=group_id,value')).toMatchObject({ status: 404, body: notFound(route) });
    });
    const listed = await admin.get('/user_attributes/4/group_values');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      { can: { update: true, destroy: true }, id: '3', group_id: '2', user_attribute_id: '4', value_is_hidden: false, rank: 1, value: '100000' },
      { can: { update: true, destroy: true }, id: '4', group_id: '5', user_attribute_id: '4', value_is_hidden: false, rank: 2, value: '20000' },
    ]);
  });
});

describe('looker permissions: values a non-admin may not set answer 403', () => {
  const groupRoute = (method: string) => `${method}/groups/:group_id/attribute_values/:user_attribute_id`;
  const userRoute = (method: string) => `${method}/users/:user_id/attribute_values/:user_attribute_id`;

  it('refuses setting and deleting a group value with 403', async () => {
    const message = 'Only an admin can set group values of user attributes.';
    await refusedWithoutWrites(async () => {
      expect(await analyst.send('PATCH', '/groups/3/attribute_values/3', { value: 'mine' })).toMatchObject({ status: 403, body: forbidden(message, groupRoute('patch')) });
      expect(await analyst.remove('/groups/3/attribute_values/3')).toMatchObject({ status: 403, body: forbidden(message, groupRoute('delete')) });
    });
    expect((await admin.get('/users/3/attribute_values?user_attribute_ids=3')).body).toEqual([expect.objectContaining({ value: 'emea', source: 'group' })]);
  });

  it('refuses setting and deleting another user\'s value with 403, even of a user-editable attribute', async () => {
    const message = "Only an admin can set another user's attribute values.";
    await refusedWithoutWrites(async () => {
      expect(await analyst.send('PATCH', '/users/3/attribute_values/2', { value: 'fr' })).toMatchObject({ status: 403, body: forbidden(message, userRoute('patch')) });
      expect(await analyst.remove('/users/5/attribute_values/3')).toMatchObject({ status: 403, body: forbidden(message, userRoute('delete')) });
    });
    expect((await admin.get('/users/3/attribute_values?user_attribute_ids=2')).body).toEqual([expect.objectContaining({ value: 'en', source: 'default' })]);
    expect((await admin.get('/users/5/attribute_values?user_attribute_ids=3')).body).toEqual([expect.objectContaining({ value: 'apac', source: 'user' })]);
  });

  it('refuses the caller\'s own value of an attribute users may not edit, and of a system attribute, with 403', async () => {
    const notEditable = 'This user attribute cannot be edited by users.';
    await refusedWithoutWrites(async () => {
      expect(await analyst.send('PATCH', '/users/2/attribute_values/3', { value: 'mine' })).toMatchObject({ status: 403, body: forbidden(notEditable, userRoute('patch')) });
      expect(await analyst.remove('/users/2/attribute_values/7')).toMatchObject({ status: 403, body: forbidden(notEditable, userRoute('delete')) });
      const system = await analyst.send('PATCH', '/users/2/attribute_values/1', { value: 'me@example.com' });
      expect(system).toMatchObject({ status: 403, body: forbidden('System user attribute values cannot be set.', userRoute('patch')) });
    });
    expect((await admin.get('/users/2/attribute_values?user_attribute_ids=7')).body).toEqual([expect.objectContaining({ value: 'acme%,globex', source: 'user' })]);
  });

  it('lets the caller set and delete their own value of a user-editable attribute', async () => {
    const set = await analyst.send('PATCH', '/users/2/attribute_values/2', { value: 'fr' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ user_id: '2', user_attribute_id: '2', value: 'fr', source: 'user', can: { set_value: true } });
    expect((await admin.get('/users/2/attribute_values?user_attribute_ids=2')).body).toEqual([expect.objectContaining({ value: 'fr', source: 'user' })]);
    expect((await analyst.remove('/users/2/attribute_values/2')).status).toBe(204);
    expect((await admin.get('/users/2/attribute_values?user_attribute_ids=2')).body).toEqual([expect.objectContaining({ value: 'en', source: 'default' })]);
  });

  it('still answers 404 for unknown users and attributes before refusing', async () => {
    expect(await analyst.send('PATCH', '/users/99/attribute_values/2', { value: 'x' })).toMatchObject({ status: 404, body: notFound(userRoute('patch')) });
    expect(await analyst.remove('/groups/99/attribute_values/3')).toMatchObject({ status: 404, body: notFound(groupRoute('delete')) });
  });
});

describe('looker permissions: what a non-admin sees', () => {
  it('gets only the public variant of another user: names, avatar and link', async () => {
    const full = (await admin.get('/users/3')).body as Record<string, unknown>;
    const other = await analyst.get('/users/3');
    expect(other.status).toBe(200);
    expect(other.body).toEqual({
      id: '3', first_name: full.first_name, last_name: full.last_name, display_name: full.display_name, avatar_url: null, url: '/api/4.0/users/3',
    });
    expect((await analyst.get('/users/3?fields=id,email,role_ids')).body).toEqual({ id: '3' });
  });

  it('lists other users in their public variant and itself in full', async () => {
    const listed = (await analyst.get('/users?ids=2,3')).body as Array<Record<string, unknown>>;
    expect(listed.map((u) => [u.id, 'email' in u, 'role_ids' in u])).toEqual([['2', true, true], ['3', false, false]]);
    expect(listed[1]).toEqual((await analyst.get('/users/3')).body);
    expect(((await admin.get('/users?ids=3')).body as Array<Record<string, unknown>>)[0]).toHaveProperty('email');
  });

  it('gets their own record in full, by id and from /user', async () => {
    for (const res of [await analyst.get('/users/2'), await analyst.get('/user')]) {
      expect(res.body).toMatchObject({ id: '2', email: expect.stringMatching(/@example\.com$/), role_ids: ['3'], credentials_api3: [{ client_id: 'looker-analyst-client-id' }] });
    }
  });

  it('sees in `can` that it manages no attribute and sets only what users may edit', async () => {
    const list = (await analyst.get('/user_attributes')).body as Array<{ id: string; can: Record<string, boolean>; user_can_edit: boolean; is_system: boolean }>;
    expect(list).toHaveLength(8);
    for (const attribute of list) {
      expect(attribute.can).toEqual({ show: true, index: true, create: false, update: false, destroy: false, set_value: attribute.user_can_edit && !attribute.is_system });
    }
    expect((await analyst.get('/user_attributes/2')).body.can.set_value).toBe(true);
    expect((await analyst.get('/user_attributes/3')).body.can.set_value).toBe(false);
    const own = (await analyst.get('/users/2/attribute_values?user_attribute_ids=1,2,3')).body as Array<{ user_attribute_id: string; can: Record<string, boolean> }>;
    expect(own.map((v) => [v.user_attribute_id, v.can.set_value])).toEqual([['1', false], ['2', true], ['3', false]]);
  });

  it('sees in a group\'s `can` that it may look at groups but not create, change or delete them', async () => {
    const readOnly = { show: true, create: false, index: true, update: false, delete: false, edit_in_ui: false };
    expect(await analyst.get('/groups/3')).toMatchObject({
      status: 200,
      body: {
        can: { ...readOnly, add_to_content_metadata: true },
        can_add_to_content_metadata: true,
        contains_current_user: true,
        external_group_id: null,
        externally_managed: false,
        id: '3',
        include_by_default: false,
        name: 'Sales EMEA',
        user_count: 3,
      },
    });
    const listed = (await analyst.get('/groups')).body as Array<{ id: string; can: Record<string, boolean> }>;
    expect(listed.map((g) => [g.id, g.can])).toEqual([
      ['1', { ...readOnly, add_to_content_metadata: true }],
      ['2', { ...readOnly, add_to_content_metadata: true }],
      ['3', { ...readOnly, add_to_content_metadata: true }],
      ['4', { ...readOnly, add_to_content_metadata: true }],
      ['5', { ...readOnly, add_to_content_metadata: false }],
    ]);
    expect((await analyst.get('/groups/5?fields=can')).body).toEqual({ can: { ...readOnly, add_to_content_metadata: false } });
  });

  it('reads its own values only of attributes with user_can_view, even when it names the others', async () => {
    const email = (await analyst.get('/user')).body.email as string;
    const shown = { user_id: '2', value_is_hidden: false, hidden_value_domain_whitelist: null };
    const expected = [
      { can: { set_value: false }, name: 'email', label: 'Email', rank: null, value: email, user_can_edit: false, user_attribute_id: '1', source: 'user', ...shown },
      { can: { set_value: true }, name: 'locale', label: 'Locale', rank: null, value: 'en', user_can_edit: true, user_attribute_id: '2', source: 'default', ...shown },
      { can: { set_value: false }, name: 'region', label: 'Region', rank: 1, value: 'emea', user_can_edit: false, user_attribute_id: '3', source: 'group', ...shown },
    ];
    const regionDefault = { ...expected[2], rank: null, value: 'global', source: 'default' };
    for (const [query, body] of [['', expected], ['?include_unset=true', expected], ['?all_values=true', [...expected, regionDefault]]] as const) {
      const own = await analyst.get(`/users/2/attribute_values${query}`);
      expect([own.status, own.body]).toEqual([200, body]);
    }
    const named = await analyst.get('/users/2/attribute_values?user_attribute_ids=4,5,6,7,8&include_unset=true');
    expect([named.status, named.body]).toEqual([200, []]);
  });
});

describe('looker system and hidden attributes, for an admin too', () => {
  it('refuses setting or deleting a group value of a system attribute with 403', async () => {
    const message = 'System user attribute values cannot be set.';
    await refusedWithoutWrites(async () => {
      const set = await admin.send('PATCH', '/groups/3/attribute_values/1', { value: 'team@example.com' });
      expect(set).toMatchObject({ status: 403, body: forbidden(message, 'patch/groups/:group_id/attribute_values/:user_attribute_id') });
      const removed = await admin.remove('/groups/3/attribute_values/1');
      expect(removed).toMatchObject({ status: 403, body: forbidden(message, 'delete/groups/:group_id/attribute_values/:user_attribute_id') });
    });
    expect((await admin.get('/user_attributes/1/group_values')).body).toEqual([]);
  });

  it('refuses group values for a system attribute with 422 naming the attribute', async () => {
    await refusedWithoutWrites(async () => {
      const res = await admin.send('POST', '/user_attributes/1/group_values', [{ group_id: '3', value: 'team@example.com' }]);
      const url = docs(422, 'post/user_attributes/:user_attribute_id/group_values');
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        message: 'Validation Failed',
        errors: [{ field: 'user_attribute_id', code: 'invalid', message: 'System user attribute email cannot have group values.', documentation_url: url }],
        documentation_url: url,
      });
    });
    expect((await admin.get('/user_attributes/1/group_values')).body).toEqual([]);
  });

  it('refuses to un-hide a hidden attribute with 422 value_is_hidden, and keeps the allowlist locked', async () => {
    await refusedWithoutWrites(async () => {
      const res = await admin.send('PATCH', '/user_attributes/6', { value_is_hidden: false });
      const url = docs(422, 'patch/user_attributes/:user_attribute_id');
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        message: 'Validation Failed',
        errors: [{ field: 'value_is_hidden', code: 'invalid', message: 'A user attribute that hides its values cannot be changed back.', documentation_url: url }],
        documentation_url: url,
      });
      const locked = await admin.send('PATCH', '/user_attributes/6', { hidden_value_domain_whitelist: 'https://other.example.com/*' });
      expect(locked.body.errors).toEqual([expect.objectContaining({ field: 'hidden_value_domain_whitelist', code: 'invalid' })]);
    });
    expect((await admin.get('/user_attributes/6')).body).toMatchObject({ value_is_hidden: true, hidden_value_domain_whitelist: 'https://*.example.com/*' });
    const kept = await admin.send('PATCH', '/user_attributes/6', { value_is_hidden: true, label: 'Warehouse Secret' });
    expect(kept).toMatchObject({ status: 200, body: { value_is_hidden: true, label: 'Warehouse Secret' } });
  });
});

describe('looker permissions: an admin', () => {
  it('still manages definitions, group values and anyone\'s values', async () => {
    const created = await admin.send('POST', '/user_attributes', { name: 'team', label: 'Team', type: 'string', user_can_edit: true });
    expect(created).toMatchObject({ status: 200, body: { id: '9', can: { show: true, index: true, create: true, update: true, destroy: true, set_value: true } } });
    expect((await admin.send('PATCH', '/user_attributes/9', { label: 'Squad' })).body).toMatchObject({ label: 'Squad' });
    expect((await admin.send('POST', '/user_attributes/9/group_values', [{ group_id: '3', value: 'emea' }])).body).toEqual([
      expect.objectContaining({ group_id: '3', value: 'emea', can: { update: true, destroy: true } }),
    ]);
    expect((await admin.send('PATCH', '/groups/4/attribute_values/9', { value: 'amer' })).status).toBe(200);
    expect((await admin.remove('/groups/4/attribute_values/9')).status).toBe(204);
    expect((await admin.send('PATCH', '/users/3/attribute_values/9', { value: 'own' })).body).toMatchObject({ user_id: '3', value: 'own', can: { set_value: true } });
    expect((await admin.send('PATCH', '/users/3/attribute_values/3', { value: 'not-user-editable' })).status).toBe(200);
    expect((await admin.get('/users/3/attribute_values?user_attribute_ids=3,9')).body.map((v: { value: string }) => v.value)).toEqual(['not-user-editable', 'own']);
    expect((await admin.remove('/users/3/attribute_values/9')).status).toBe(204);
    expect((await admin.remove('/user_attributes/9')).status).toBe(204);
  });

  it('reads all of a user\'s values, whether or not users may view them, and may do anything with groups', async () => {
    const values = (await admin.get('/users/2/attribute_values?include_unset=true')).body as Array<Record<string, unknown>>;
    expect(values.map((v) => [v.user_attribute_id, v.value, v.source])).toEqual([
      ['1', expect.any(String), 'user'], ['2', 'en', 'default'], ['3', 'emea', 'group'], ['4', '5000', 'default'],
      ['5', 'no', 'default'], ['6', null, 'user'], ['7', 'acme%,globex', 'user'], ['8', null, null],
    ]);
    const all = { show: true, create: true, index: true, update: true, delete: true, edit_in_ui: true };
    expect((await admin.get('/groups/3')).body.can).toEqual({ ...all, add_to_content_metadata: true });
    expect((await admin.get('/groups/5')).body.can).toEqual({ ...all, add_to_content_metadata: false });
  });

  it('reads every user in full and sees what it may do in `can`', async () => {
    expect((await admin.get('/users/3')).body).toMatchObject({ id: '3', email: expect.any(String), role_ids: ['3'], group_ids: ['1', '3', '4'] });
    expect((await admin.get('/user_attributes/3')).body.can).toEqual({ show: true, index: true, create: true, update: true, destroy: true, set_value: true });
    expect((await admin.get('/user_attributes/1')).body.can).toEqual({ show: true, index: true, create: true, update: false, destroy: false, set_value: false });
  });
});

describe('looker admin roles', () => {
  it('hides only operations the Looker module handles', () => {
    for (const operationId of ADMIN_ONLY_OPERATIONS) expect(Object.keys(lookerVendor.handlers)).toContain(operationId);
  });

  it('makes admins of the users holding a role in settings.adminRoleIds', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'attrmock-looker-roles-'));
    cpSync(path.resolve('fixtures'), dir, { recursive: true });
    const fixture = readFileSync(path.join(dir, 'looker.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'looker.yaml'), fixture.replace('adminRoleIds: ["2"]', 'adminRoleIds: ["3"]'));
    const other = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', fixturesDir: dir });
    try {
      const base = `${other.url}/looker/api/4.0`;
      const promoted = await login(base, ANALYST);
      expect((await promoted.send('POST', '/user_attributes', { name: 'team', label: 'Team', type: 'string' })).status).toBe(200);
      expect((await promoted.get('/users/3')).body.email).toEqual(expect.any(String));
      const demoted = await login(base, ADMIN);
      expect((await demoted.remove('/user_attributes/3')).status).toBe(404);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
