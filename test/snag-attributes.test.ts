import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

let mock: RunningMock;
let base: string;
const auth = { 'x-api-key': SNAG.key };

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  base = `${mock.url}/snag/api/website_user_attributes`;
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('Snag website user attributes', () => {
  it('lists the seeded attributes of the key\'s website, in creation order', async () => {
    const res = await http(base, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.body.hasNextPage).toBe(false);
    expect(res.body.data.map((a: any) => a.label)).toEqual(['Tier', 'Favourite team']);
    expect(res.body.data[0]).toMatchObject({ id: SNAG.tierAttributeId, websiteId: SNAG.websiteId, organizationId: SNAG.organizationId, deletedAt: null });
  });

  it('creates a batch of attributes and lists them afterwards', async () => {
    const created = await http(base, { method: 'POST', headers: auth, json: { data: [{ label: 'Plan' }, { label: 'Country' }] } });
    expect(created.status).toBe(200);
    expect(created.body.data).toHaveLength(2);
    for (const attribute of created.body.data) {
      expect(attribute.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(attribute).toMatchObject({ websiteId: SNAG.websiteId, organizationId: SNAG.organizationId, deletedAt: null });
    }
    const listed = await http(`${base}?limit=100`, { headers: auth });
    expect(listed.body.data.map((a: any) => a.label)).toEqual(['Tier', 'Favourite team', 'Plan', 'Country']);
  });

  it('upserts by an id in any letter case, and keeps another organization\'s attribute out whatever its case', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [{ id: SNAG.tierAttributeId.toUpperCase(), label: 'Loyalty tier' }] } });
    expect(res.body.data[0]).toMatchObject({ id: SNAG.tierAttributeId, label: 'Loyalty tier' });
    expect((await http(base, { headers: auth })).body.data.map((a: any) => a.label)).toEqual(['Loyalty tier', 'Favourite team']);
    const foreign = await http(base, { method: 'POST', headers: auth, json: { data: [{ id: SNAG.otherOrgAttributeId.toUpperCase(), label: 'Mine now' }] } });
    expect(foreign.status).toBe(400);
  });

  it('updates the label of an attribute whose id is sent again (upsert by id)', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [{ id: SNAG.tierAttributeId, label: 'Loyalty tier' }] } });
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toMatchObject({ id: SNAG.tierAttributeId, label: 'Loyalty tier', createdAt: '2026-01-05T10:00:00.000Z' });
    const listed = await http(base, { headers: auth });
    expect(listed.body.data).toHaveLength(2);
    expect(listed.body.data[0].label).toBe('Loyalty tier');
  });

  it('pages with limit, startingAfter and hasNextPage', async () => {
    await http(base, { method: 'POST', headers: auth, json: { data: [{ label: 'a' }, { label: 'b' }, { label: 'c' }] } });
    const first = await http(`${base}?limit=2`, { headers: auth });
    expect(first.body.data.map((a: any) => a.label)).toEqual(['Tier', 'Favourite team']);
    expect(first.body.hasNextPage).toBe(true);
    const second = await http(`${base}?limit=2&startingAfter=${first.body.data[1].id}`, { headers: auth });
    expect(second.body.data.map((a: any) => a.label)).toEqual(['a', 'b']);
    expect(second.body.hasNextPage).toBe(true);
    const third = await http(`${base}?limit=2&startingAfter=${second.body.data[1].id}`, { headers: auth });
    expect(third.body.data.map((a: any) => a.label)).toEqual(['c']);
    expect(third.body.hasNextPage).toBe(false);
  });

  it('rejects a limit over 100 with 400 naming the parameter', async () => {
    const res = await http(`${base}?limit=101`, { headers: auth });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('limit');
  });

  it('rejects an unknown startingAfter cursor with 400', async () => {
    const res = await http(`${base}?startingAfter=00000000-0000-4000-8000-000000000000`, { headers: auth });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('startingAfter');
  });

  it('rejects an empty label with 400 naming data[0].label and writes nothing', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [{ label: 'fine' }, { label: '' }] } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('data[1].label');
    const listed = await http(base, { headers: auth });
    expect(listed.body.data).toHaveLength(2);
  });

  it('answers 403 with Snag\'s message for a missing or wrong key', async () => {
    for (const headers of [{}, { 'x-api-key': 'wrong' }]) {
      const res = await http(base, { headers });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ message: 'Forbidden, Could not validate api key' });
    }
  });

  it('accepts the key header in any letter case', async () => {
    const res = await http(base, { headers: { 'X-Api-Key': SNAG.key } });
    expect(res.status).toBe(200);
  });

  it('answers 403 when a key names another organization\'s website', async () => {
    const res = await http(`${base}?websiteId=${SNAG.otherWebsiteId}&organizationId=${SNAG.otherOrganizationId}`, { headers: auth });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/^Forbidden/);
  });

  it('keeps each key to its own website', async () => {
    const res = await http(base, { headers: { 'x-api-key': SNAG.otherKey } });
    expect(res.body.data.map((a: any) => a.id)).toEqual([SNAG.otherOrgAttributeId]);
  });
});

describe('Snag delete website user attribute', () => {
  const scope = { organizationId: SNAG.organizationId, websiteId: SNAG.websiteId };

  it('deletes with the SDK\'s body_id and answers {message}; its values go too', async () => {
    const res = await http(`${base}/${SNAG.tierAttributeId}`, { method: 'DELETE', headers: auth, json: { body_id: SNAG.tierAttributeId, ...scope } });
    expect(res.status).toBe(200);
    expect(typeof res.body.message).toBe('string');
    const listed = await http(base, { headers: auth });
    expect(listed.body.data.map((a: any) => a.id)).not.toContain(SNAG.tierAttributeId);
    const values = await http(`${base}/values?userIds=${SNAG.userId}`, { headers: auth });
    expect(values.body.data).toEqual([]);
  });

  it('deletes with the body key id as well', async () => {
    const res = await http(`${base}/${SNAG.teamAttributeId}`, { method: 'DELETE', headers: auth, json: { id: SNAG.teamAttributeId, ...scope } });
    expect(res.status).toBe(200);
  });

  it('rejects a body id that differs from the path with 400', async () => {
    const res = await http(`${base}/${SNAG.teamAttributeId}`, { method: 'DELETE', headers: auth, json: { id: SNAG.tierAttributeId, ...scope } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('id');
  });

  it('answers 400 for an unknown attribute, and for one deleted already', async () => {
    const unknown = await http(`${base}/00000000-0000-4000-8000-000000000000`, { method: 'DELETE', headers: auth, json: scope });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/not found/);
    await http(`${base}/${SNAG.teamAttributeId}`, { method: 'DELETE', headers: auth, json: scope });
    const again = await http(`${base}/${SNAG.teamAttributeId}`, { method: 'DELETE', headers: auth, json: scope });
    expect(again.status).toBe(400);
  });

  it('will not delete another website\'s attribute', async () => {
    const res = await http(`${base}/${SNAG.otherOrgAttributeId}`, { method: 'DELETE', headers: auth, json: scope });
    expect(res.status).toBe(400);
    const theirs = await http(base, { headers: { 'x-api-key': SNAG.otherKey } });
    expect(theirs.body.data).toHaveLength(1);
  });

  it('rejects a path id that is not a uuid with 400', async () => {
    const res = await http(`${base}/not-a-uuid`, { method: 'DELETE', headers: auth, json: scope });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('id');
  });
});
