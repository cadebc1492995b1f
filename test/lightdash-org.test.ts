import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';

const ORG = '9f5b2e3c-1a4d-4c7e-8b6f-0a1b2c3d4e5f';
const VIEWER = '80fb8b59-d6b7-4ed6-b969-9849310f3e53';
const EDITOR = '2f0e6b1c-7d4a-4e8b-9c3d-5a6b7c8d9e0f';
const SALES = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const MARKETING = '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b';
const SEED_GROUP = '9d615ede-5758-4954-9fb9-2a07fc415ba5';
const ADMIN = 'ApiKey lightdash-dev-token';
const VIEWER_TOKEN = 'ApiKey lightdash-viewer-token';
const GLOBEX_ADMIN = 'ApiKey lightdash-globex-token';
const NAMED_MEMBERS = 5;
const GENERATED_PER_ORG = 3;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
});
afterAll(async () => mock.close());

async function get(path: string, auth = ADMIN) {
  const res = await fetch(`${mock.url}/lightdash/api/v1/org${path}`, { headers: { authorization: auth } });
  return { status: res.status, body: (await res.json()) as any };
}

describe('GET /api/v1/org/users', () => {
  it('lists every member of the caller organization as {data} with no pagination key', async () => {
    const res = await get('/users');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(Object.keys(res.body.results)).toEqual(['data']);
    expect(res.body.results.data).toHaveLength(NAMED_MEMBERS + GENERATED_PER_ORG);
    expect(res.body.results.data.every((m: any) => m.organizationUuid === ORG)).toBe(true);
    expect(res.body.results.data[1]).toEqual({
      userUuid: VIEWER, email: 'viewer@lightdash.com', firstName: 'Vivian', lastName: 'Viewer', organizationUuid: ORG, role: 'viewer',
      isActive: true, isInviteExpired: false, isPending: false, userCreatedAt: '2024-01-09T09:00:00.000Z', userUpdatedAt: '2024-02-01T12:30:00.000Z',
    });
  });

  it('is open to non-admin members and scoped by the token', async () => {
    expect((await get('/users', VIEWER_TOKEN)).status).toBe(200);
    const globex = (await get('/users', GLOBEX_ADMIN)).body.results.data;
    expect(globex.map((m: any) => m.email)).toContain('admin@globex.example');
    expect(globex.map((m: any) => m.email)).not.toContain('demo@lightdash.com');
  });

  it('paginates only when both page and pageSize are given', async () => {
    const res = await get('/users?page=2&pageSize=3');
    expect(res.body.results.pagination).toEqual({ page: 2, pageSize: 3, totalResults: 8, totalPageCount: 3 });
    expect(res.body.results.data).toHaveLength(3);
    const all = (await get('/users')).body.results.data;
    expect(res.body.results.data).toEqual(all.slice(3, 6));
    expect((await get('/users?page=2')).body.results).not.toHaveProperty('pagination');
    expect((await get('/users?page=0&pageSize=0')).body.results.data).toHaveLength(8);
  });

  it('reads page=1.000000 as TSOA does (Number()), the way terraform-provider-lightdash sends it', async () => {
    const res = await get('/users?page=1.000000&pageSize=2.000000&includeGroups=10.000000');
    expect(res.status).toBe(200);
    expect(res.body.results.pagination).toEqual({ page: 1, pageSize: 2, totalResults: 8, totalPageCount: 4 });
    expect(res.body.results.data[0].groups).toEqual([]);
    const groups = await get('/groups?page=1.000000&pageSize=1.000000&includeMembers=5.000000');
    expect(groups.body.results.pagination).toEqual({ page: 1, pageSize: 1, totalResults: 3, totalPageCount: 3 });
    expect(groups.body.results.data[0].members).toHaveLength(2);
  });

  it('answers 422 PaginationError for a page below 1', async () => {
    const res = await get('/users?page=-1&pageSize=2');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ statusCode: 422, name: 'PaginationError' });
  });

  it('answers 422 ValidateError keyed by the parameter for a non-numeric page', async () => {
    const res = await get('/users?page=abc&pageSize=2');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ name: 'ValidateError', message: 'page: invalid float number', data: { page: { message: 'invalid float number' } } });
  });

  it('filters by searchQuery over names, email and role, case-insensitively', async () => {
    expect((await get('/users?searchQuery=VIVIAN')).body.results.data.map((m: any) => m.userUuid)).toEqual([VIEWER]);
    expect((await get('/users?searchQuery=editor')).body.results.data.map((m: any) => m.userUuid)).toEqual([EDITOR]);
    expect((await get('/users?searchQuery=admin')).body.results.data.map((m: any) => m.role)).toEqual(['admin']);
  });

  it('adds each member groups with includeGroups, which also caps the members returned', async () => {
    const data = (await get('/users?includeGroups=3')).body.results.data;
    expect(data).toHaveLength(3);
    expect(data.find((m: any) => m.userUuid === EDITOR).groups).toEqual([{ uuid: SALES, name: 'Sales' }, { uuid: MARKETING, name: 'Marketing' }]);
    expect(data[0].groups).toEqual([]);
    const paged = (await get('/users?includeGroups=1&page=1&pageSize=5')).body.results.data;
    expect(paged).toHaveLength(5);
  });
});

describe('GET /api/v1/org/groups', () => {
  it('lists the organization groups without members by default', async () => {
    const res = await get('/groups', VIEWER_TOKEN);
    expect(res.status).toBe(200);
    expect(res.body.results.data).toEqual([
      { uuid: SALES, organizationUuid: ORG, name: 'Sales', createdAt: '2024-01-15T10:00:00.000Z', createdByUserUuid: 'b264d83a-9000-426a-85ec-3f9c20f368ce', updatedAt: '2024-01-15T10:00:00.000Z', updatedByUserUuid: 'b264d83a-9000-426a-85ec-3f9c20f368ce' },
      { uuid: MARKETING, organizationUuid: ORG, name: 'Marketing', createdAt: '2024-01-16T10:00:00.000Z', createdByUserUuid: null, updatedAt: '2024-01-16T10:00:00.000Z', updatedByUserUuid: null },
      { uuid: SEED_GROUP, organizationUuid: ORG, name: 'Org 1 Group', createdAt: '2024-01-20T10:00:00.000Z', createdByUserUuid: 'b264d83a-9000-426a-85ec-3f9c20f368ce', updatedAt: '2024-01-20T10:00:00.000Z', updatedByUserUuid: 'b264d83a-9000-426a-85ec-3f9c20f368ce' },
    ]);
  });

  it('includes members, capped at includeMembers, when the parameter is present', async () => {
    const [sales] = (await get('/groups?includeMembers=1')).body.results.data;
    expect(sales.memberUuids).toEqual([VIEWER]);
    expect(sales.members).toEqual([{ userUuid: VIEWER, email: 'viewer@lightdash.com', firstName: 'Vivian', lastName: 'Viewer' }]);
  });

  it('paginates and searches by name', async () => {
    const res = await get('/groups?page=2&pageSize=1&searchQuery=');
    expect(res.body.results).toMatchObject({ data: [{ uuid: MARKETING }], pagination: { page: 2, pageSize: 1, totalResults: 3, totalPageCount: 3 } });
    expect((await get('/groups?searchQuery=mark')).body.results.data.map((g: any) => g.uuid)).toEqual([MARKETING]);
    expect((await get('/groups', GLOBEX_ADMIN)).body.results.data.map((g: any) => g.name)).toEqual(['Finance']);
  });
});
