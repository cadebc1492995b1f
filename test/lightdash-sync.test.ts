import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResponseSchema, type ResponseSchemaCheck } from '../src/contract/check-response-schema.js';
import { startMock, type RunningMock } from '../src/index.js';
import { http } from './support/http.js';

/**
 * A team sync as a new user would write it against a real Lightdash, over plain HTTP: map emails to members,
 * keep a group per team, give the group and a user an attribute value, change the membership, delete the group.
 * Every answer is checked against specs/lightdash.oas.yaml with the contract runner's own checker.
 */
const ORG = '9f5b2e3c-1a4d-4c7e-8b6f-0a1b2c3d4e5f';
const ADMIN = 'b264d83a-9000-426a-85ec-3f9c20f368ce';
const VIEWER = '80fb8b59-d6b7-4ed6-b969-9849310f3e53';
const EDITOR = '2f0e6b1c-7d4a-4e8b-9c3d-5a6b7c8d9e0f';

let mock: RunningMock;
let check: ResponseSchemaCheck;

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  check = await checkResponseSchema(path.resolve('specs'), 'lightdash');
});
afterAll(async () => mock.close());

/** One call as the organization admin; the answer must be documented for its operation and fit its schema. */
async function call(method: string, apiPath: string, json?: unknown, token = 'lightdash-dev-token') {
  const res = await http(`${mock.url}/lightdash${apiPath}`, { method, json, headers: { authorization: `ApiKey ${token}` } });
  const verdict = check(method, apiPath.split('?')[0]!, res.status, res.text === '' ? undefined : res.body, res.headers.get('content-type'));
  expect(verdict.operationId, `${method} ${apiPath} routes to an operation`).toBeDefined();
  expect(verdict.failures, `${method} ${apiPath} → ${res.status} ${res.text}`).toEqual([]);
  return res;
}

describe('a team sync against the mock', () => {
  it('maps emails to members, keeps a group with an attribute value, follows membership and deletion', async () => {
    // 1. Emails to members; one that is not in the organization is Lightdash's NotFoundError.
    const byEmail = await call('GET', '/api/v1/org/users/email/viewer%40lightdash.com');
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.results).toMatchObject({ userUuid: VIEWER, email: 'viewer@lightdash.com', organizationUuid: ORG });
    const stranger = await call('GET', '/api/v1/org/users/email/admin%40globex.example');
    expect(stranger.status).toBe(404);
    expect(stranger.body).toEqual({ status: 'error', error: { statusCode: 404, name: 'NotFoundError', message: 'No matching member found in organization', data: {} } });
    const byUuid = await call('GET', `/api/v1/org/users/${EDITOR}`);
    expect(byUuid.body.results).toMatchObject({ userUuid: EDITOR, email: 'editor@lightdash.com', role: 'editor' });

    // 2. A group per team, with members.
    const created = await call('POST', '/api/v1/org/groups', { name: '  Data Team  ', members: [{ userUuid: VIEWER }, { userUuid: ADMIN }] });
    expect(created.status).toBe(201);
    const group = created.body.results;
    expect(group).toMatchObject({ name: 'Data Team', organizationUuid: ORG, createdByUserUuid: ADMIN, updatedByUserUuid: null, memberUuids: [VIEWER, ADMIN] });
    expect(group.members.map((m: any) => m.email)).toEqual(['viewer@lightdash.com', 'demo@lightdash.com']);
    expect((await call('POST', '/api/v1/org/groups', { name: 'Data Team' })).body.error).toMatchObject({ statusCode: 409, name: 'AlreadyExistsError', message: 'Group name already exists' });

    // 3. An attribute with a user value and a value for the group.
    const attribute = await call('POST', '/api/v1/org/attributes', {
      name: 'data_scope',
      attributeDefault: null,
      users: [{ userUuid: EDITOR, value: 'finance' }],
      groups: [{ groupUuid: group.uuid, value: 'all' }],
    });
    expect(attribute.status).toBe(201);
    expect(attribute.body.results.groups).toEqual([{ groupUuid: group.uuid, value: 'all' }]);

    // 4. Membership shows from both sides, and follows changes.
    const viewerGroups = async () => (await call('GET', '/api/v1/org/users?includeGroups=100')).body.results.data.find((m: any) => m.userUuid === VIEWER).groups;
    expect(await viewerGroups()).toContainEqual({ uuid: group.uuid, name: 'Data Team' });
    const patched = await call('PATCH', `/api/v1/groups/${group.uuid}`, { members: [{ userUuid: ADMIN }, { userUuid: EDITOR }] });
    expect(patched.status).toBe(200);
    expect(patched.body.results.memberUuids).toEqual([ADMIN, EDITOR]);
    expect(await viewerGroups()).not.toContainEqual({ uuid: group.uuid, name: 'Data Team' });
    expect((await call('PUT', `/api/v1/groups/${group.uuid}/members/${VIEWER}`)).status).toBe(201);
    expect((await call('PUT', `/api/v1/groups/${group.uuid}/members/${VIEWER}`)).status).toBe(204);
    expect((await call('DELETE', `/api/v1/groups/${group.uuid}/members/${EDITOR}`)).status).toBe(200);
    expect((await call('DELETE', `/api/v1/groups/${group.uuid}/members/${EDITOR}`)).status).toBe(204);
    const members = await call('GET', `/api/v1/groups/${group.uuid}/members`);
    expect(members.body.results.map((m: any) => m.userUuid)).toEqual([ADMIN, VIEWER]);
    const listed = (await call('GET', '/api/v1/org/groups?includeMembers=10&searchQuery=data')).body.results.data;
    expect(listed.map((g: any) => [g.uuid, g.memberUuids])).toEqual([[group.uuid, [ADMIN, VIEWER]]]);
    const detail = await call('GET', `/api/v1/groups/${group.uuid}?includeMembers=1&offset=1`);
    expect(detail.body.results).toMatchObject({ memberUuids: [ADMIN, VIEWER], members: [{ userUuid: VIEWER }] });

    // 5. A viewer cannot manage groups; another organization cannot see this one.
    expect((await call('DELETE', `/api/v1/groups/${group.uuid}`, undefined, 'lightdash-viewer-token')).body.error).toMatchObject({ statusCode: 403, name: 'ForbiddenError' });
    expect((await call('GET', `/api/v1/groups/${group.uuid}`, undefined, 'lightdash-globex-token')).status).toBe(403);

    // 6. Deleting the group deletes its attribute values (ON DELETE CASCADE), and the group is gone.
    expect((await call('DELETE', `/api/v1/groups/${group.uuid}`)).body).toEqual({ status: 'ok' });
    const after = (await call('GET', '/api/v1/org/attributes')).body.results.find((a: any) => a.uuid === attribute.body.results.uuid);
    expect(after.groups).toEqual([]);
    expect(after.users).toEqual([{ userUuid: EDITOR, value: 'finance', email: 'editor@lightdash.com' }]);
    const gone = await call('GET', `/api/v1/groups/${group.uuid}`);
    expect(gone.body).toEqual({ status: 'error', error: { statusCode: 404, name: 'NotFoundError', message: 'No group found', data: {} } });
    expect(await viewerGroups()).toEqual([{ uuid: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', name: 'Sales' }]);
    // An attribute value for a group that no longer exists is refused, as the foreign key refuses it.
    const stale = await call('PUT', `/api/v1/org/attributes/${attribute.body.results.uuid}`, { name: 'data_scope', attributeDefault: null, users: [], groups: [{ groupUuid: group.uuid, value: 'all' }] });
    expect(stale.status).toBe(500);
  });

  it('answers Lightdash refusals: unknown members in PATCH, a malformed member uuid, extra keys', async () => {
    const created = (await call('POST', '/api/v1/org/groups', { name: 'Refusals', members: [{ userUuid: 'c4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a' }] })).body.results;
    // A member of another organization is skipped on create, refused on PATCH (and nothing is written).
    expect(created.memberUuids).toEqual([]);
    const refused = await call('PATCH', `/api/v1/groups/${created.uuid}`, { name: 'Renamed', members: [{ userUuid: 'c4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a' }] });
    expect(refused.body.error).toEqual({ statusCode: 400, name: 'ParameterError', message: 'Some provided user UUIDs are invalid', data: {} });
    expect((await call('GET', `/api/v1/groups/${created.uuid}`)).body.results.name).toBe('Refusals');
    const badUuid = await call('GET', '/api/v1/org/users/not-a-uuid');
    expect(badUuid.status).toBe(422);
    expect(badUuid.body.error.data.userUuid.message).toMatch(/^Not match in '/);
    const extra = await call('PATCH', `/api/v1/groups/${created.uuid}`, { name: 'x', colour: 'red' });
    expect(extra.status).toBe(422);
    expect(extra.body.error.data.body).toEqual({ message: '"colour" is an excess property and therefore is not allowed', value: { colour: 'red' } });
    const createExtra = await call('POST', '/api/v1/org/groups', { name: 'y', colour: 'red' });
    expect(createExtra.body.error.data.body.message).toBe('Could not match intersection against any of the possible combinations: [["name","members"]]');
    expect((await call('GET', '/api/v1/groups/9d615ede-5758-4954-9fb9-000000000000')).status).toBe(404);
  });
});
