import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { http } from './support/http.js';

let mock: RunningMock;
let api: string;
let auth: Record<string, string>;

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  api = `${mock.url}/looker/api/4.0`;
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  mock.reset();
  const res = await http(`${api}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret',
  });
  auth = { authorization: `token ${res.body.access_token as string}` };
});

const get = (path: string) => http(`${api}${path}`, { headers: auth });
const send = (method: string, path: string, json: unknown) => http(`${api}${path}`, { method, headers: auth, json });
const remove = (path: string) => http(`${api}${path}`, { method: 'DELETE', headers: auth });
const docs = (status: number, route: string) => `https://cloud.google.com/looker/docs/r/err/4.0/${status}/${route}`;

describe('looker people', () => {
  it('returns the API user, a member of seeded groups', async () => {
    const me = await get('/user');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: '1', group_ids: ['1', '2'], credentials_api3: [{ client_id: 'looker-dev-client-id' }] });
    expect(JSON.stringify(me.body)).not.toContain('looker-dev-client-secret');
  });

  it('trims nested objects with fields=name(sub)', async () => {
    const me = await get('/user?fields=id,credentials_email(email)');
    expect(me.body).toEqual({ id: '1', credentials_email: { email: 'api-admin@example.com' } });
  });

  it('lists users as a plain array, filtered by ids, sorted and paged', async () => {
    const all = await get('/users');
    expect(all.body).toHaveLength(7);
    const some = await get('/users?ids=3,1&fields=id');
    expect(some.body).toEqual([{ id: '3' }, { id: '1' }]);
    const paged = await get('/users?sorts=id%20desc&limit=2&offset=1&fields=id');
    expect(paged.body).toEqual([{ id: '6' }, { id: '5' }]);
  });

  it('answers one user or group, and 404 Not found for unknown ids', async () => {
    expect((await get('/users/2')).body.id).toBe('2');
    expect((await get('/groups/3')).body).toMatchObject({ name: 'Sales EMEA', user_count: 3, contains_current_user: false });
    const missing = await get('/groups/99');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Not found', documentation_url: docs(404, 'get/groups/:group_id') });
  });

  it('lists groups and filters by can_add_to_content_metadata', async () => {
    expect((await get('/groups')).body).toHaveLength(5);
    expect((await get('/groups?can_add_to_content_metadata=false&fields=name')).body).toEqual([{ name: 'Finance' }]);
  });
});

describe('looker user attribute definitions', () => {
  it('creates, reads, updates partially and deletes an attribute', async () => {
    const created = await send('POST', '/user_attributes', { name: 'team_id', label: 'Team ID', type: 'number', default_value: '7' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: '9', name: 'team_id', type: 'number', is_permanent: false, is_system: false });
    expect((await get('/user_attributes/9')).body.label).toBe('Team ID');
    const updated = await send('PATCH', '/user_attributes/9', { label: 'Team' });
    expect(updated.body).toMatchObject({ name: 'team_id', label: 'Team' });
    expect((await remove('/user_attributes/9')).status).toBe(204);
    expect((await get('/user_attributes/9')).status).toBe(404);
  });

  it('trims responses to the requested fields', async () => {
    const one = await get('/user_attributes/3?fields=id,name');
    expect(one.body).toEqual({ id: '3', name: 'region' });
    const created = await send('POST', '/user_attributes?fields=id', { name: 'a1', label: 'A1', type: 'string' });
    expect(created.body).toEqual({ id: '9' });
  });

  it('sorts the list by name or label', async () => {
    const names = (await get('/user_attributes?sorts=name&fields=name')).body.map((a: { name: string }) => a.name);
    expect(names).toEqual([...names].sort());
  });

  it('requires name, label and type with 422 missing', async () => {
    const res = await send('POST', '/user_attributes', { default_value: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Validation Failed');
    expect(res.body.documentation_url).toBe(docs(422, 'post/user_attributes'));
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual(['label:missing', 'name:missing', 'type:missing']);
    expect(res.body.errors[0].documentation_url).toBe(docs(422, 'post/user_attributes'));
  });

  it('rejects duplicate names and labels with 422 already_exists, on create and on update', async () => {
    const create = await send('POST', '/user_attributes', { name: 'region', label: 'Region', type: 'string' });
    expect(create.body.errors.map((e: { code: string }) => e.code)).toEqual(['already_exists', 'already_exists']);
    const update = await send('PATCH', '/user_attributes/4', { label: 'Region' });
    expect(update.status).toBe(422);
    expect(update.body.errors).toEqual([expect.objectContaining({ field: 'label', code: 'already_exists' })]);
  });

  it('rejects bad names, unknown types and defaults that do not suit the type with 422 invalid', async () => {
    const name = await send('POST', '/user_attributes', { name: 'Has-Caps', label: 'X', type: 'string' });
    expect(name.body.errors).toEqual([expect.objectContaining({ field: 'name', code: 'invalid' })]);
    const type = await send('POST', '/user_attributes', { name: 'x', label: 'X', type: 'colour' });
    expect(type.body.errors).toEqual([expect.objectContaining({ field: 'type', code: 'invalid' })]);
    const value = await send('POST', '/user_attributes', { name: 'x', label: 'X', type: 'zipcode', default_value: 'abc' });
    expect(value.body.errors).toEqual([expect.objectContaining({ field: 'default_value', code: 'invalid' })]);
  });

  it('accepts every Looker attribute type', async () => {
    const types = ['string', 'number', 'datetime', 'relative_url', 'advanced_filter_string', 'advanced_filter_number', 'advanced_filter_datetime', 'yesno', 'zipcode'];
    for (const [i, type] of types.entries()) {
      expect((await send('POST', '/user_attributes', { name: `t_${i}`, label: `T ${i}`, type })).status).toBe(200);
    }
  });

  it('needs a domain allowlist to hide values, and never lets it change', async () => {
    const hidden = await send('POST', '/user_attributes', { name: 'secret', label: 'Secret', type: 'string', value_is_hidden: true });
    expect(hidden.body.errors).toEqual([expect.objectContaining({ field: 'hidden_value_domain_whitelist', code: 'missing' })]);
    const locked = await send('PATCH', '/user_attributes/6', { hidden_value_domain_whitelist: 'https://other.example.com/*' });
    expect(locked.body.errors).toEqual([expect.objectContaining({ field: 'hidden_value_domain_whitelist', code: 'invalid' })]);
  });

  it('refuses an empty hidden_value_domain_whitelist, even on a visible attribute, as sdk-codegen\'s own test expects', async () => {
    for (const whitelist of ['', 'https://a.example.com/*,,https://b.example.com/*']) {
      const res = await send('POST', '/user_attributes', { name: 'git_username', label: 'Git Username', type: 'string', value_is_hidden: false, user_can_edit: true, user_can_view: true, hidden_value_domain_whitelist: whitelist });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ message: 'Validation Failed', errors: [{ field: 'hidden_value_domain_whitelist', message: expect.stringMatching(/hidden_value_domain_whitelist must be a comma-separated list of urls with optional wildcards/) }] });
    }
    expect((await get('/user_attributes')).body.some((a: { name: string }) => a.name === 'git_username')).toBe(false);
  });

  it('shows a hidden attribute\'s default as DEFAULT_IS_SET, null when it has none, and lets it be user-viewable', async () => {
    const created = await send('POST', '/user_attributes', {
      name: 'secret_id', label: 'Secret ID', type: 'number', default_value: '24',
      value_is_hidden: true, user_can_view: true, user_can_edit: false, hidden_value_domain_whitelist: 'my_domain/route/sub/*',
    });
    expect(created.status).toBe(200);
    const hidden = { default_value: 'DEFAULT_IS_SET', value_is_hidden: true, user_can_view: true };
    expect(created.body).toMatchObject(hidden);
    expect((await get('/user_attributes/9')).body).toMatchObject(hidden);
    expect((await get('/user_attributes')).body).toContainEqual(expect.objectContaining({ id: '9', ...hidden }));
    expect((await get('/user_attributes/6')).body).toMatchObject({ default_value: null, value_is_hidden: true });
  });

  it('keeps a hidden attribute\'s default when a client writes back the DEFAULT_IS_SET it was shown', async () => {
    const created = await send('POST', '/user_attributes', {
      name: 'secret_limit', label: 'Secret limit', type: 'number', default_value: '24', value_is_hidden: true, hidden_value_domain_whitelist: 'my_domain/*',
    });
    const { can: _can, id, ...shown } = created.body;
    const written = await send('PATCH', `/user_attributes/${id}`, { ...shown, label: 'Secret limit (renamed)' });
    expect(written).toMatchObject({ status: 200, body: { label: 'Secret limit (renamed)', default_value: 'DEFAULT_IS_SET' } });
    const stored = (await http(`${mock.url}/__admin/state`)).body.vendors.looker.attributes.find((a: { id: string }) => a.id === id);
    expect(stored).toMatchObject({ label: 'Secret limit (renamed)', default_value: '24' });
  });

  it('refuses to delete a permanent attribute', async () => {
    const res = await remove('/user_attributes/2');
    expect(res.status).toBe(400);
    expect(res.body.documentation_url).toBe(docs(400, 'delete/user_attributes/:user_attribute_id'));
    expect((await get('/user_attributes/2')).status).toBe(200);
  });

  it('answers 404 for unknown attributes and 400 for malformed JSON', async () => {
    expect((await get('/user_attributes/999')).body).toEqual({ message: 'Not found', documentation_url: docs(404, 'get/user_attributes/:user_attribute_id') });
    const bad = await http(`${api}/user_attributes`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name":' });
    expect(bad.status).toBe(400);
    expect(bad.body.documentation_url).toBe(docs(400, 'post/user_attributes'));
  });
});

describe('looker user and group values', () => {
  const valuesOf = async (userId: string, query = '') => (await get(`/users/${userId}/attribute_values${query}`)).body as Array<Record<string, unknown>>;

  it('resolves own value, then group by rank, then default, saying the source', async () => {
    expect(await valuesOf('5', '?user_attribute_ids=3')).toEqual([expect.objectContaining({ value: 'apac', source: 'user' })]);
    expect(await valuesOf('3', '?user_attribute_ids=3')).toEqual([expect.objectContaining({ value: 'emea', source: 'group', rank: 1 })]);
    expect(await valuesOf('1', '?user_attribute_ids=3')).toEqual([expect.objectContaining({ value: 'global', source: 'default' })]);
  });

  it('filters by user_attribute_ids and shows the search path with all_values and unset ones with include_unset', async () => {
    expect((await valuesOf('3', '?user_attribute_ids=3,4')).map((v) => v.user_attribute_id)).toEqual(['3', '4']);
    expect((await valuesOf('3', '?user_attribute_ids=3&all_values=true')).map((v) => v.value)).toEqual(['emea', 'amer', 'global']);
    expect(await valuesOf('3', '?user_attribute_ids=8')).toEqual([]);
    expect(await valuesOf('3', '?user_attribute_ids=8&include_unset=true')).toEqual([expect.objectContaining({ user_attribute_id: '8', value: null, source: null })]);
  });

  it('blanks hidden values everywhere', async () => {
    expect(await valuesOf('1', '?user_attribute_ids=6')).toEqual([expect.objectContaining({ value: null, value_is_hidden: true })]);
    const set = await send('PATCH', '/users/3/attribute_values/6', { value: 'pw' });
    expect(set.body).toMatchObject({ value: null, value_is_hidden: true, source: 'user' });
  });

  it('sets and deletes a user value, falling back to groups', async () => {
    const set = await send('PATCH', '/users/3/attribute_values/3', { value: 'mine' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ user_id: '3', user_attribute_id: '3', value: 'mine', source: 'user' });
    expect((await remove('/users/3/attribute_values/3')).status).toBe(204);
    expect(await valuesOf('3', '?user_attribute_ids=3')).toEqual([expect.objectContaining({ value: 'emea', source: 'group' })]);
  });

  it('checks user values against the type, and refuses system attributes with 403', async () => {
    const bad = await send('PATCH', '/users/3/attribute_values/4', { value: 'lots' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'value', code: 'invalid' })]);
    const missing = await send('PATCH', '/users/3/attribute_values/4', {});
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'value', code: 'missing' })]);
    const system = await send('PATCH', '/users/3/attribute_values/1', { value: 'x@example.com' });
    expect(system.status).toBe(403);
    expect((await send('PATCH', '/users/99/attribute_values/3', { value: 'x' })).status).toBe(404);
    expect((await send('PATCH', '/users/3/attribute_values/99', { value: 'x' })).status).toBe(404);
  });

  it('replaces all group values, honouring rank when every item has one', async () => {
    const res = await send('POST', '/user_attributes/3/group_values', [
      { group_id: '3', value: 'low', rank: 5 },
      { group_id: '4', value: 'high', rank: 1 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.map((v: Record<string, unknown>) => [v.group_id, v.value, v.rank])).toEqual([['4', 'high', 1], ['3', 'low', 5]]);
    expect(await valuesOf('3', '?user_attribute_ids=3')).toEqual([expect.objectContaining({ value: 'high', source: 'group' })]);
    const emptied = await send('POST', '/user_attributes/3/group_values', []);
    expect(emptied.body).toEqual([]);
    expect(await valuesOf('3', '?user_attribute_ids=3')).toEqual([expect.objectContaining({ value: 'global', source: 'default' })]);
  });

  it('refuses partly ranked, duplicate or unknown groups with 422', async () => {
    const partly = await send('POST', '/user_attributes/3/group_values', [{ group_id: '3', value: 'a', rank: 1 }, { group_id: '4', value: 'b' }]);
    expect(partly.body.errors).toEqual([expect.objectContaining({ field: 'rank', code: 'invalid' })]);
    const dup = await send('POST', '/user_attributes/3/group_values', [{ group_id: '3', value: 'a' }, { group_id: '3', value: 'b' }]);
    expect(dup.body.errors).toEqual([expect.objectContaining({ code: 'already_exists' })]);
    const unknown = await send('POST', '/user_attributes/3/group_values', [{ group_id: '99', value: 'a' }]);
    expect(unknown.status).toBe(422);
    expect((await get('/user_attributes/3/group_values')).body).toHaveLength(2);
  });

  it('sets and deletes one group value', async () => {
    const set = await send('PATCH', '/groups/5/attribute_values/3', { value: 'fin' });
    expect(set.body).toMatchObject({ group_id: '5', user_attribute_id: '3', value: 'fin', rank: 3 });
    expect(await valuesOf('5', '?user_attribute_ids=3&all_values=true')).toEqual([
      expect.objectContaining({ source: 'user' }), expect.objectContaining({ value: 'fin', source: 'group' }), expect.objectContaining({ source: 'default' }),
    ]);
    expect((await remove('/groups/5/attribute_values/3')).status).toBe(204);
    expect((await get('/user_attributes/3/group_values?fields=group_id')).body).toEqual([{ group_id: '3' }, { group_id: '4' }]);
    expect((await remove('/groups/99/attribute_values/3')).status).toBe(404);
  });

  it('deletes an attribute\'s values with it', async () => {
    expect((await remove('/user_attributes/3')).status).toBe(204);
    expect(await valuesOf('5', '?user_attribute_ids=3&include_unset=true')).toEqual([]);
    expect((await get('/user_attributes/3/group_values')).status).toBe(404);
  });
});

describe('looker forced answers and parameter errors', () => {
  it('answers Prefer code=422 and code=500 in Looker\'s formats without touching state', async () => {
    const forced = await http(`${api}/user_attributes`, { method: 'POST', headers: { ...auth, prefer: 'code=422' }, json: { name: 'z', label: 'Z', type: 'string' } });
    expect(forced.status).toBe(422);
    expect(forced.body).toMatchObject({ message: 'Validation Failed', errors: [] });
    const failed = await http(`${api}/users/1/attribute_values`, { headers: { ...auth, prefer: 'code=500' } });
    expect(failed.body).toEqual({ message: 'Internal Server Error', documentation_url: docs(500, 'get/users/:user_id/attribute_values') });
    expect((await get('/user_attributes')).body).toHaveLength(8);
  });

  it('answers 400 for a query parameter that breaks its schema', async () => {
    const res = await get('/users?limit=many');
    expect(res.status).toBe(400);
    expect(res.body.documentation_url).toBe(docs(400, 'get/users'));
  });
});
