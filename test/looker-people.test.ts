import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { snapshotOf } from './support/hardening-harness.js';
import { http } from './support/http.js';
import {
  LOOKER_ADMIN as ADMIN,
  LOOKER_ANALYST as ANALYST,
  lookerCaller as callerFor,
  lookerDocs as docs,
  lookerLogin,
  lookerNotFound as notFound,
  type LookerCaller as Caller,
} from './support/looker-api.js';

let mock: RunningMock;
let api: string;
let admin: Caller;
let analyst: Caller;

const login = (credentials: string): Promise<Caller> => lookerLogin(api, credentials);

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  api = `${mock.url}/looker/api/4.0`;
});
afterAll(() => mock.close());
beforeEach(async () => {
  mock.reset();
  admin = await login(ADMIN);
  analyst = await login(ANALYST);
});

async function newUser(first: string, last: string, email?: string): Promise<string> {
  const created = await admin.send('POST', '/users', { first_name: first, last_name: last });
  expect(created.status).toBe(200);
  if (email) expect((await admin.send('POST', `/users/${created.body.id}/credentials_email`, { email })).status).toBe(200);
  return created.body.id as string;
}

const ids = (res: { body: Array<{ id: string }> }) => res.body.map((u) => u.id);

describe('looker users: search_users reads its filters as Looker does', () => {
  beforeEach(async () => {
    await newUser('Dan', 'Danger', 'dan@acme.test');
    await newUser('Danzig', 'Glenn', 'glenn@acme.test');
    await newUser('David', 'Dump', 'david@other.test');
    await newUser('Damage', 'Case', 'd_m@other.test');
  });
  const names = async (query: string) => (await admin.get(`/users/search?${query}`)).body.map((u: { first_name: string }) => u.first_name);

  it('matches strings case-insensitively as SQL LIKE, % any run and _ one character', async () => {
    expect(await names('first_name=dan%25&sorts=first_name')).toEqual(['Dan', 'Danzig']);
    expect(await names('first_name=D_m%25')).toEqual(['Damage']);
    expect(await names('last_name=DANGER')).toEqual(['Dan']);
    expect(await names('email=%25%40acme.test&sorts=first_name desc')).toEqual(['Danzig', 'Dan']);
    expect(await names('email=d\\_m%25')).toEqual(['Damage']);
    expect(await names('full_name=dan danger')).toEqual(['Dan']);
  });

  it('takes comma lists for integer filters, ANDs filters or ORs them with filter_or', async () => {
    expect(ids(await admin.get('/users/search?id=1,3,999&sorts=id'))).toEqual(['1', '3']);
    expect(await names('first_name=Dan%25&last_name=Glenn')).toEqual(['Danzig']);
    expect(await names('first_name=David&last_name=Glenn&filter_or=true&sorts=first_name')).toEqual(['Danzig', 'David']);
    expect(ids(await admin.get('/users/search?is_disabled=true'))).toEqual(['7']);
    expect(ids(await admin.get('/users/search?group_id=4&sorts=id'))).toEqual(['3', '4']);
  });

  it('sorts and pages, limit and offset first', async () => {
    expect(ids(await admin.get('/users/search?sorts=id desc&limit=2&offset=1'))).toEqual(['10', '9']);
    expect(ids(await admin.get('/users/search?sorts=id&per_page=3&page=2'))).toEqual(['4', '5', '6']);
  });

  it('finds by first name, last name or email in search_users_names, other filters ANDed', async () => {
    const found = await admin.get('/users/search/names/%25acme.test?sorts=last_name');
    expect(found.body.map((u: { last_name: string }) => u.last_name)).toEqual(['Danger', 'Glenn']);
    expect((await admin.get('/users/search/names/d%25?first_name=david')).body).toHaveLength(1);
  });

  it('gives a non-admin the public variant and passes over the detail filters', async () => {
    const res = await analyst.get('/users/search?first_name=Dan&email=nobody');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ id: '8', first_name: 'Dan', last_name: 'Danger', display_name: 'Dan Danger', avatar_url: null, url: '/api/4.0/users/8' }]);
  });
});

describe('looker users: create, update, delete, email logins', () => {
  it('creates a user without a login, who joins the default group and gets attribute defaults', async () => {
    const id = await newUser('Ada', 'Lovelace');
    const user = (await admin.get(`/users/${id}`)).body;
    expect(user).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', email: null, credentials_email: null, group_ids: ['1'], role_ids: [], is_disabled: false, locale: 'en' });
    const values = (await admin.get(`/users/${id}/attribute_values?user_attribute_ids=2,3,4`)).body;
    expect(values.map((v: { name: string; value: string; source: string }) => [v.name, v.value, v.source])).toEqual([
      ['locale', 'en', 'default'], ['region', 'global', 'default'], ['max_rows', '5000', 'default'],
    ]);
  });

  it('updates only the fields sent', async () => {
    const id = await newUser('Ada', 'Lovelace');
    const updated = await admin.send('PATCH', `/users/${id}`, { is_disabled: true });
    expect(updated.body).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', is_disabled: true, locale: 'en' });
  });

  it('keeps one email login per user and one user per email, and finds the user by it', async () => {
    const id = await newUser('Ada', 'Lovelace', 'ada@example.org');
    expect(await admin.send('POST', `/users/${id}/credentials_email`, { email: 'other@example.org' })).toMatchObject({
      status: 409, body: { message: 'Resource Already Exists', documentation_url: docs(409, 'post/users/:user_id/credentials_email') },
    });
    const other = await newUser('Bob', 'Builder');
    const taken = await admin.send('POST', `/users/${other}/credentials_email`, { email: 'ADA@example.org' });
    const route = docs(422, 'post/users/:user_id/credentials_email');
    expect(taken).toMatchObject({ status: 422, body: { message: 'Validation Failed', documentation_url: route, errors: [{ field: 'email', code: 'already_exists', message: 'Email has already been taken.', documentation_url: route }] } });
    expect((await admin.send('POST', `/users/${other}/credentials_email`, {})).body.errors).toEqual([{ field: 'email', code: 'missing', message: 'This field is required.', documentation_url: route }]);
    expect((await admin.get('/users/credential/email/ada@example.org')).body).toMatchObject({ id, email: 'ada@example.org' });
    expect((await admin.get('/users/credential/api3/looker-analyst-client-id')).body).toMatchObject({ id: '2' });
    expect((await admin.send('PATCH', `/users/${id}/credentials_email`, { email: 'ada@new.example.org' })).body).toMatchObject({ email: 'ada@new.example.org', type: 'email', user_id: id });
    expect((await admin.get(`/users/${id}/attribute_values?user_attribute_ids=1`)).body[0]).toMatchObject({ name: 'email', value: 'ada@new.example.org' });
    expect((await admin.remove(`/users/${id}/credentials_email`)).status).toBe(204);
    expect(await admin.get(`/users/${id}/credentials_email`)).toMatchObject({ status: 404, body: notFound('get/users/:user_id/credentials_email') });
  });

  it('deletes a user with their values and memberships, but never oneself', async () => {
    expect((await admin.remove('/users/5')).status).toBe(204);
    expect(await admin.get('/users/5')).toMatchObject({ status: 404, body: notFound('get/users/:user_id') });
    expect((await admin.get('/groups/5')).body.user_count).toBe(0);
    expect(JSON.stringify(mock.engine.exportWorld())).not.toContain('apac');
    expect(await admin.remove('/users/1')).toMatchObject({ status: 403, body: { message: 'The user cannot delete themselves.' } });
    expect(await admin.remove('/users/999')).toMatchObject({ status: 404, body: notFound('delete/users/:user_id') });
  });

  it('lists, reads and sets roles; an unknown role is a 422', async () => {
    expect((await admin.get('/roles')).body.map((r: { name: string }) => r.name)).toEqual(['Developer', 'Admin', 'User', 'Viewer']);
    expect((await admin.get('/users/1/roles')).body).toEqual([expect.objectContaining({ id: '2', name: 'Admin' })]);
    expect((await analyst.get('/users/search?is_disabled=true')).body).toHaveLength(7);
    expect((await admin.send('PUT', '/users/2/roles', ['2', '3'])).body.map((r: { id: string }) => r.id)).toEqual(['2', '3']);
    expect((await analyst.get('/users/search?is_disabled=true')).body).toHaveLength(1);
    const bad = await admin.send('PUT', '/users/3/roles', ['99']);
    expect(bad).toMatchObject({ status: 422, body: { errors: [{ field: 'role_ids', code: 'invalid', message: 'Role 99 does not exist.' }] } });
  });
});

describe('looker groups and membership', () => {
  it('creates, finds, renames and deletes groups; a taken or missing name is a 422', async () => {
    const created = await admin.send('POST', '/groups', { name: 'Data Team' });
    expect(created.body).toMatchObject({ name: 'Data Team', user_count: 0, contains_current_user: false, can_add_to_content_metadata: true });
    const route = docs(422, 'post/groups');
    expect((await admin.send('POST', '/groups', { name: 'data team' })).body).toEqual({
      message: 'Validation Failed', documentation_url: route, errors: [{ field: 'name', code: 'already_exists', message: 'Name has already been taken.', documentation_url: route }],
    });
    expect((await admin.send('POST', '/groups', {})).body.errors).toEqual([{ field: 'name', code: 'missing', message: 'This field is required.', documentation_url: route }]);
    expect((await admin.get('/groups/search?name=data%25')).body.map((g: { id: string }) => g.id)).toEqual([created.body.id]);
    expect((await admin.get('/groups/search?name=Sales%25&sorts=name desc')).body.map((g: { name: string }) => g.name)).toEqual(['Sales EMEA', 'Sales Americas']);
    expect((await admin.send('PATCH', `/groups/${created.body.id}`, { name: 'Data' })).body.name).toBe('Data');
    expect((await admin.remove(`/groups/${created.body.id}`)).status).toBe(204);
    expect((await admin.get(`/groups/${created.body.id}`)).status).toBe(404);
  });

  it('adds and removes members; group_ids and values follow; a deleted group takes its values', async () => {
    expect((await admin.send('POST', '/groups/4/users', { user_id: '2' })).body.group_ids).toEqual(['1', '3', '4']);
    expect((await admin.get('/groups/4/users?sorts=id')).body.map((u: { id: string }) => u.id)).toEqual(['2', '3', '4']);
    expect((await admin.remove('/groups/3/users/2')).status).toBe(204);
    expect((await admin.get('/users/2/attribute_values?user_attribute_ids=3')).body[0]).toMatchObject({ value: 'amer', source: 'group' });
    expect(await admin.remove('/groups/3/users/2')).toMatchObject({ status: 404, body: notFound('delete/groups/:group_id/users/:user_id') });
    expect((await admin.remove('/groups/4')).status).toBe(204);
    expect((await admin.get('/users/2/attribute_values?user_attribute_ids=3')).body[0]).toMatchObject({ value: 'global', source: 'default' });
    expect((await admin.get('/user_attributes/3/group_values')).body.map((v: { group_id: string }) => v.group_id)).toEqual(['3']);
    expect(await admin.send('POST', '/groups/3/users', { user_id: '999' })).toMatchObject({ status: 404, body: notFound('post/groups/:group_id/users') });
  });
});

describe('looker: a non-admin manages no people, groups or roles', () => {
  it('answers 404 where the operation documents no 403, else 403, and changes nothing', async () => {
    const before = snapshotOf(mock, 'looker');
    const forbidden = (route: string) => ({ status: 403, body: { message: 'Forbidden', documentation_url: docs(403, route) } });
    expect(await analyst.send('POST', '/users', { first_name: 'x' })).toMatchObject({ status: 404, body: notFound('post/users') });
    expect(await analyst.send('POST', '/groups', { name: 'x' })).toMatchObject({ status: 404, body: notFound('post/groups') });
    expect(await analyst.send('PATCH', '/users/3', { first_name: 'x' })).toMatchObject(forbidden('patch/users/:user_id'));
    expect(await analyst.remove('/users/3')).toMatchObject(forbidden('delete/users/:user_id'));
    expect(await analyst.send('POST', '/users/3/credentials_email', { email: 'x@y.z' })).toMatchObject(forbidden('post/users/:user_id/credentials_email'));
    expect(await analyst.send('PUT', '/users/2/roles', ['2'])).toMatchObject(forbidden('put/users/:user_id/roles'));
    expect(await analyst.send('POST', '/groups/3/users', { user_id: '2' })).toMatchObject(forbidden('post/groups/:group_id/users'));
    expect(await analyst.remove('/groups/3/users/3')).toMatchObject(forbidden('delete/groups/:group_id/users/:user_id'));
    expect(await analyst.send('PATCH', '/groups/3', { name: 'x' })).toMatchObject(forbidden('patch/groups/:group_id'));
    expect(await analyst.send('POST', '/login/3')).toMatchObject(forbidden('post/login/:user_id'));
    expect(await analyst.get('/users/3/roles')).toMatchObject({ status: 404, body: notFound('get/users/:user_id/roles') });
    expect(snapshotOf(mock, 'looker')).toBe(before);
  });
});

describe('looker sudo: login_user', () => {
  it('gives an admin a token acting as the user; logging it out leaves the admin signed in', async () => {
    const sudo = await admin.send('POST', '/login/3');
    expect(sudo.body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9]{40}$/), token_type: 'Bearer', expires_in: 3600, refresh_token: null });
    const asUser = callerFor(api, sudo.body.access_token as string);
    expect((await asUser.get('/user')).body).toMatchObject({ id: '3' });
    expect((await asUser.send('POST', '/users', {})).status).toBe(404);
    expect((await asUser.remove('/logout')).status).toBe(204);
    expect((await asUser.get('/user')).status).toBe(401);
    expect((await admin.get('/user')).body).toMatchObject({ id: '1' });
    expect(await admin.send('POST', '/login/999')).toMatchObject({ status: 404, body: notFound('post/login/:user_id') });
    expect((await admin.send('POST', '/login/7')).status).toBe(403);
  });
});

describe('looker access tokens (issue 20)', () => {
  it('are random, so a token from before a reset never authenticates after it', async () => {
    // The audit's case: the analyst logs in first after a reset, a reset follows, then the admin logs in first.
    mock.reset();
    const old = (await login(ANALYST)).token;
    mock.reset();
    const fresh = await login(ADMIN);
    expect(fresh.token).not.toBe(old);
    expect((await callerFor(api, old).get('/user')).status).toBe(401);
    const reset = await http(`${mock.url}/__admin/reset`, { method: 'POST' });
    expect(reset.status).toBeLessThan(300);
    expect((await fresh.get('/user')).status).toBe(401);
  });
});
