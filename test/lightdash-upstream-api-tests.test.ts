import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { lightdashLogins, SEED_GROUP, SEED_ORG_1_ADMIN, SEED_ORG_2_ADMIN, type Body } from './support/lightdash-api-client.js';

/**
 * Lightdash's own API tests, ported line by line against the mock (only login differs: personal access tokens
 * instead of a session cookie, see support/lightdash-api-client.ts):
 * - packages/api-tests/tests/attributes.test.ts (lightdash/lightdash 1263c4c5)
 * - packages/e2e/cypress/e2e/api/attributes.cy.ts (262d0783): the same two cases through cy.request
 * - packages/api-tests/tests/groups.test.ts (0300c503), without its "Group Project access API" block:
 *   attrmock models no projects.
 */
let mock: RunningMock;
let login: ReturnType<typeof lightdashLogins>['login'];
let anotherLogin: ReturnType<typeof lightdashLogins>['anotherLogin'];

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  ({ login, anotherLogin } = lightdashLogins(`${mock.url}/lightdash`));
});
afterAll(async () => mock.close());

describe('Attributes API', () => {
  let admin: Awaited<ReturnType<typeof login>>;

  beforeAll(async () => {
    admin = await login();
  });

  it('creates an attribute with users and groups', async () => {
    const name = `example_attribute${Math.random()}`;

    const createBody = {
      name,
      users: [
        {
          userUuid: SEED_ORG_1_ADMIN.user_uuid,
          value: 'User Value',
        },
      ],
      groups: [{ groupUuid: SEED_GROUP.groupUuid, value: 'Group Value' }],
      attributeDefault: null,
    };

    const response = await admin.post<Body<{ uuid: string }>>('/api/v1/org/attributes', createBody);
    expect(response.status).toBe(201);

    const { uuid } = response.body.results;

    try {
      const getResponse = await admin.get<
        Body<
          Array<{
            uuid: string;
            name: string;
            users: Array<{ userUuid: string; value: string }>;
            groups: Array<{ groupUuid: string; value: string }>;
          }>
        >
      >('/api/v1/org/attributes');
      const attribute = getResponse.body.results.find((a) => a.uuid === uuid);

      expect(attribute!.name).toBe(name);
      expect(attribute!.users).toHaveLength(1);
      expect(attribute!.users[0]!.userUuid).toBe(SEED_ORG_1_ADMIN.user_uuid);
      expect(attribute!.users[0]!.value).toBe('User Value');
      expect(attribute!.groups).toHaveLength(1);
      expect(attribute!.groups[0]!.groupUuid).toBe(SEED_GROUP.groupUuid);
      expect(attribute!.groups[0]!.value).toBe('Group Value');
    } finally {
      await admin.delete(`/api/v1/org/attributes/${uuid}`);
    }
  });

  it('creates an empty attribute and updates with users and groups', async () => {
    const name = `example_attribute${Math.random()}`;
    const newName = `example_attribute${Math.random()}`;

    const response = await admin.post<
      Body<{
        uuid: string;
        users: Array<{ userUuid: string; value: string }>;
        groups: Array<{ groupUuid: string; value: string }>;
      }>
    >('/api/v1/org/attributes', {
      name,
      users: [],
      groups: [],
      attributeDefault: null,
    });
    expect(response.status).toBe(201);
    expect(response.body.results.users).toHaveLength(0);
    expect(response.body.results.groups).toHaveLength(0);

    const { uuid } = response.body.results;

    try {
      const patchResponse = await admin.put<
        Body<{
          name: string;
          users: Array<{ userUuid: string; value: string }>;
          groups: Array<{ groupUuid: string; value: string }>;
        }>
      >(`/api/v1/org/attributes/${uuid}`, {
        name: newName,
        users: [
          {
            userUuid: SEED_ORG_1_ADMIN.user_uuid,
            value: 'User Value',
          },
        ],
        groups: [
          {
            groupUuid: SEED_GROUP.groupUuid,
            value: 'Group Value',
          },
        ],
        attributeDefault: null,
      });

      expect(patchResponse.body.results.name).toBe(newName);
      expect(patchResponse.body.results.users).toHaveLength(1);
      expect(patchResponse.body.results.users[0]!.userUuid).toBe(SEED_ORG_1_ADMIN.user_uuid);
      expect(patchResponse.body.results.users[0]!.value).toBe('User Value');
      expect(patchResponse.body.results.groups).toHaveLength(1);
      expect(patchResponse.body.results.groups[0]!.groupUuid).toBe(SEED_GROUP.groupUuid);
      expect(patchResponse.body.results.groups[0]!.value).toBe('Group Value');
    } finally {
      await admin.delete(`/api/v1/org/attributes/${uuid}`);
    }
  });
});

describe('Attributes API (cypress e2e/api/attributes.cy.ts)', () => {
  // cy.login() then cy.request(method, url, body), which fails the test on a non-2xx status as failOnStatusCode does.
  const cy = { request: async (method: string, url: string, body?: unknown) => (await login()).request<any>(url, { method, body }) };

  it('creates an attribute with users and groups', async () => {
    const name = `example_attribute${Math.random()}`;

    const createBody = {
      name,
      users: [{ userUuid: SEED_ORG_1_ADMIN.user_uuid, value: 'User Value' }],
      groups: [{ groupUuid: SEED_GROUP.groupUuid, value: 'Group Value' }],
      attributeDefault: null,
    };

    const response = await cy.request('POST', '/api/v1/org/attributes', createBody);
    expect(response.status).toBe(201);

    const { uuid } = response.body.results;
    const getResponse = await cy.request('GET', `/api/v1/org/attributes`);
    const attribute = getResponse.body.results.find((a: any) => a.uuid === uuid);
    expect(attribute.name).toBe(name);
    expect(attribute.users).toHaveLength(1);
    expect(attribute.users[0].userUuid).toBe(SEED_ORG_1_ADMIN.user_uuid);
    expect(attribute.users[0].value).toBe('User Value');
    expect(attribute.groups).toHaveLength(1);
    expect(attribute.groups[0].groupUuid).toBe(SEED_GROUP.groupUuid);
    expect(attribute.groups[0].value).toBe('Group Value');
    await cy.request('DELETE', `/api/v1/org/attributes/${uuid}`);
  });

  it('creates an empty attribute and updates with users and groups', async () => {
    const name = `example_attribute${Math.random()}`;
    const newName = `example_attribute${Math.random()}`;

    const response = await cy.request('POST', '/api/v1/org/attributes', {
      name,
      users: [],
      groups: [],
      attributeDefault: null,
    });
    expect(response.status).toBe(201);
    expect(response.body.results.users).toHaveLength(0);
    expect(response.body.results.groups).toHaveLength(0);

    const { uuid } = response.body.results;
    const patchResponse = await cy.request('PUT', `/api/v1/org/attributes/${uuid}`, {
      name: newName,
      users: [
        {
          userUuid: SEED_ORG_1_ADMIN.user_uuid,
          value: 'User Value',
        },
      ],
      groups: [{ groupUuid: SEED_GROUP.groupUuid, value: 'Group Value' }],
      attributeDefault: null,
    });
    expect(patchResponse.body.results.name).toBe(newName);
    expect(patchResponse.body.results.users).toHaveLength(1);
    expect(patchResponse.body.results.users[0].userUuid).toBe(SEED_ORG_1_ADMIN.user_uuid);
    expect(patchResponse.body.results.users[0].value).toBe('User Value');
    expect(patchResponse.body.results.groups).toHaveLength(1);
    expect(patchResponse.body.results.groups[0].groupUuid).toBe(SEED_GROUP.groupUuid);
    expect(patchResponse.body.results.groups[0].value).toBe('Group Value');
    await cy.request('DELETE', `/api/v1/org/attributes/${uuid}`);
  });
});

describe('Groups API', () => {
  let admin: Awaited<ReturnType<typeof login>>;

  beforeAll(async () => {
    admin = await login();
  });

  it('should return a group to admin', async () => {
    const resp = await admin.get(`api/v1/groups/${SEED_GROUP.groupUuid}`);
    expect(resp.status).toBe(200);
  });

  it('should forbid group outside the organization', async () => {
    const other = await anotherLogin();
    const resp = await other.get(`api/v1/groups/${SEED_GROUP.groupUuid}`, {
      failOnStatusCode: false,
    });
    expect(resp.status).toBe(403);
  });

  it('should create a group in organization', async () => {
    const groupName = `Org A Group ${Date.now()}`;
    const resp = await admin.post<Body<{ name: string }>>('api/v1/org/groups', {
      name: groupName,
    });
    expect(resp.status).toBe(201);
    expect(resp.body.results.name).toBe(groupName);
  });

  it('should return a list of groups in organization', async () => {
    const resp = await admin.get<Body<{ data: Array<{ name: string }> }>>('api/v1/org/groups');
    expect(resp.status).toBe(200);
    expect(resp.body.results.data.find((group) => group.name.startsWith('Org A Group'))).toBeDefined();
  });

  it('should not return groups to another organization', async () => {
    const other = await anotherLogin();
    const resp = await other.get<Body<{ data: unknown[] }>>('api/v1/org/groups');
    expect(resp.status).toBe(200);
    expect(resp.body.results.data).toHaveLength(0);
  });

  it('should delete group from organization', async () => {
    const createResp = await admin.post<Body<{ uuid: string }>>('api/v1/org/groups', {
      name: `Test group${Date.now()}`,
    });
    const resp = await admin.delete(`api/v1/groups/${createResp.body.results.uuid}`);
    expect(resp.status).toBe(200);
  });

  it('should update group name', async () => {
    const createResp = await admin.post<Body<{ uuid: string }>>('api/v1/org/groups', {
      name: `Test group${Date.now()}`,
    });
    const newGroupName = `New name${Date.now()}`;
    const resp = await admin.patch<Body<{ name: string }>>(`api/v1/groups/${createResp.body.results.uuid}`, { name: newGroupName });
    expect(resp.status).toBe(200);
    expect(resp.body.results.name).toBe(newGroupName);
  });

  it('should get group members', async () => {
    const resp = await admin.get<Body<{ members: Array<{ userUuid: string }> }>>(`api/v1/groups/${SEED_GROUP.groupUuid}?includeMembers=100`);
    expect(resp.status).toBe(200);
    expect(resp.body.results.members).toBeInstanceOf(Array);
  });

  it('should successfully update group name and members', async () => {
    const createResp = await admin.post<Body<{ uuid: string }>>('api/v1/org/groups', {
      name: `Test group${Date.now()}`,
    });
    const groupUuid = createResp.body.results.uuid;

    const newGroupName = `New Group Name${Date.now()}`;
    const newMembers = [{ userUuid: SEED_ORG_1_ADMIN.user_uuid }];
    const updateResp = await admin.patch<Body<{ name: string; members: Array<{ userUuid: string }> }>>(`api/v1/groups/${groupUuid}`, {
      name: newGroupName,
      members: newMembers,
    });
    expect(updateResp.status).toBe(200);
    expect(updateResp.body.results.name).toBe(newGroupName);
    expect(updateResp.body.results.members.length).toBe(1);
    expect(updateResp.body.results.members[0]!.userUuid).toBe(SEED_ORG_1_ADMIN.user_uuid);

    // Clear members without changing the name
    const emptyMembership: Array<{ userUuid: string }> = [];
    const clearResp = await admin.patch<Body<{ name: string; members: Array<{ userUuid: string }> }>>(`api/v1/groups/${groupUuid}`, {
      members: emptyMembership,
    });
    expect(clearResp.status).toBe(200);
    expect(clearResp.body.results.name).toBe(newGroupName);
    expect(clearResp.body.results.members.length).toBe(0);
  });

  it('should not add a user from another org to a group', async () => {
    const createResp = await admin.post<Body<{ uuid: string }>>('api/v1/org/groups', {
      name: `Test group 2${Date.now()}`,
    });
    const newMembers = [{ userUuid: SEED_ORG_2_ADMIN.user_uuid }];
    const resp = await admin.patch(`api/v1/groups/${createResp.body.results.uuid}`, { name: 'New Group Name 2', members: newMembers }, { failOnStatusCode: false });
    expect(resp.status).toBe(400);
  });
});
