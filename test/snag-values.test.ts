import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

let mock: RunningMock;
let base: string;
const auth = { 'x-api-key': SNAG.key };
const scope = { websiteId: SNAG.websiteId, organizationId: SNAG.organizationId };
const item = (websiteUserAttributeId: string, userId: string, value: string) => ({ websiteUserAttributeId, userId, value });

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  base = `${mock.url}/snag/api/website_user_attributes/values`;
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('Snag create website user attribute values (the seed endpoint)', () => {
  it('creates values and answers the seed\'s 200 array', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [item(SNAG.teamAttributeId, SNAG.userId, 'Arsenal')], ...scope } });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const value = res.body[0];
    expect(Object.keys(value).sort()).toEqual(['createdAt', 'id', 'organizationId', 'updatedAt', 'userId', 'value', 'websiteId', 'websiteUserAttributeId']);
    expect(value).toMatchObject({ ...scope, websiteUserAttributeId: SNAG.teamAttributeId, userId: SNAG.userId, value: 'Arsenal' });
    expect(value.createdAt).toBe(value.updatedAt);
  });

  it('upserts on (attribute, user): same id and createdAt, new value and updatedAt', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [item(SNAG.tierAttributeId, SNAG.userId, 'platinum')], ...scope } });
    expect(res.body[0]).toMatchObject({ id: SNAG.seededValueId, value: 'platinum', createdAt: '2026-01-07T08:00:00.000Z' });
    expect(res.body[0].updatedAt).not.toBe('2026-01-07T08:00:00.000Z');
    const listed = await http(`${base}?userIds=${SNAG.userId}`, { headers: auth });
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({ id: SNAG.seededValueId, value: 'platinum', customFieldId: SNAG.tierAttributeId });
  });

  it('applies a batch in order, so the last value for a pair wins', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [item(SNAG.teamAttributeId, SNAG.userId, 'one'), item(SNAG.teamAttributeId, SNAG.userId, 'two')], ...scope } });
    expect(res.body[0].id).toBe(res.body[1].id);
    const listed = await http(`${base}?userIds=${SNAG.userId}`, { headers: auth });
    expect(listed.body.data.find((v: any) => v.customFieldId === SNAG.teamAttributeId).value).toBe('two');
  });

  it('updates by data[].id and refuses an id of another pair', async () => {
    const ok = await http(base, { method: 'POST', headers: auth, json: { data: [{ id: SNAG.seededValueId, ...item(SNAG.tierAttributeId, SNAG.userId, 'silver') }], ...scope } });
    expect(ok.body[0]).toMatchObject({ id: SNAG.seededValueId, value: 'silver' });
    const wrong = await http(base, { method: 'POST', headers: auth, json: { data: [{ id: SNAG.seededValueId, ...item(SNAG.teamAttributeId, SNAG.userId, 'x') }], ...scope } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('data[0].id');
  });

  it.each([
    ['one new id given to two different pairs', [['8888', 'team', 'user2', 'a'], ['8888', 'tier', 'user2', 'b']]],
    ['two new ids given to the same new pair', [['6666', 'team', 'user2', 'a'], ['7777', 'team', 'user2', 'b']]],
    ['a new id given to a pair an earlier item creates without one', [[undefined, 'team', 'user2', 'a'], ['7777', 'team', 'user2', 'b']]],
  ] as const)('judges ids within a batch as if its items came one request each: %s is refused, nothing written', async (_label, rows) => {
    const ids = { '8888': '88888888-8888-4888-8888-888888888888', '6666': '66666666-6666-4666-8666-666666666666', '7777': '77777777-7777-4777-8777-777777777777' };
    const attributes = { team: SNAG.teamAttributeId, tier: SNAG.tierAttributeId };
    const data = rows.map(([id, attribute, , value]) => ({ ...(id ? { id: ids[id] } : {}), ...item(attributes[attribute], SNAG.secondUserId, value) }));
    const before = (await http(`${base}?userIds=${SNAG.secondUserId}`, { headers: auth })).body.data;
    const res = await http(base, { method: 'POST', headers: auth, json: { data, ...scope } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(`data[1].id ${data[1]!.id} does not belong to this attribute and user`);
    expect((await http(`${base}?userIds=${SNAG.secondUserId}`, { headers: auth })).body.data).toEqual(before);
  });

  it('takes a batch that gives a new value its id and then updates it by that id', async () => {
    const id = '66666666-6666-4666-8666-666666666666';
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [{ id, ...item(SNAG.teamAttributeId, SNAG.secondUserId, 'a') }, { id, ...item(SNAG.teamAttributeId, SNAG.secondUserId, 'b') }], ...scope } });
    expect(res.status).toBe(200);
    expect(res.body.map((v: any) => [v.id, v.value])).toEqual([[id, 'a'], [id, 'b']]);
  });

  it('takes ids in any letter case as the same ids, as Postgres uuid columns do, and answers in lower case', async () => {
    const upper = (id: string) => id.toUpperCase();
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [{ id: upper(SNAG.seededValueId), ...item(upper(SNAG.tierAttributeId), upper(SNAG.userId), 'platinum') }], websiteId: upper(SNAG.websiteId), organizationId: upper(SNAG.organizationId) } });
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ id: SNAG.seededValueId, websiteUserAttributeId: SNAG.tierAttributeId, userId: SNAG.userId, websiteId: SNAG.websiteId, value: 'platinum' });
    const listed = await http(`${base}?userIds=${upper(SNAG.userId)}`, { headers: auth });
    expect(listed.body.data.map((v: any) => [v.id, v.value])).toEqual([[SNAG.seededValueId, 'platinum']]);
    const elsewhere = await http(base, { method: 'POST', headers: auth, json: { data: [{ id: upper(SNAG.seededValueId), ...item(SNAG.teamAttributeId, SNAG.userId, 'x') }], ...scope } });
    expect(elsewhere).toMatchObject({ status: 400, body: { message: `data[0].id ${SNAG.seededValueId} does not belong to this attribute and user` } });
  });

  it('says a missing body is required, once', async () => {
    const res = await http(base, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' } });
    expect(res).toMatchObject({ status: 400, body: { message: 'body is required' } });
  });

  it('rejects a body missing websiteId and organizationId with 400 naming both', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [item(SNAG.tierAttributeId, SNAG.userId, 'x')] } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('websiteId');
    expect(res.body.message).toContain('organizationId');
  });

  it('rejects a non-uuid userId with 400 naming data[0].userId', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [item(SNAG.tierAttributeId, 'bob', 'x')], ...scope } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('data[0].userId');
  });

  it('rejects a wrongly typed value with 400 naming data[0].value', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [{ ...item(SNAG.tierAttributeId, SNAG.userId, 'x'), value: 5 }], ...scope } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('data[0].value');
  });

  it('rejects a batch with one unknown attribute and writes none of it', async () => {
    const res = await http(base, {
      method: 'POST',
      headers: auth,
      json: { data: [item(SNAG.teamAttributeId, SNAG.userId, 'kept?'), item('00000000-0000-4000-8000-000000000000', SNAG.userId, 'x')], ...scope },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('data[1].websiteUserAttributeId');
    const listed = await http(`${base}?userIds=${SNAG.userId}`, { headers: auth });
    expect(listed.body.data.map((v: any) => v.value)).toEqual(['gold']);
  });

  it('rejects a user of another organization with 400', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [item(SNAG.tierAttributeId, SNAG.otherOrgUserId, 'x')], ...scope } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('data[0].userId');
  });

  it('answers malformed JSON with 400 {message}', async () => {
    const res = await http(base, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"data": [' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['message']);
  });

  it('answers 403 for another organization\'s website in the body', async () => {
    const res = await http(base, { method: 'POST', headers: auth, json: { data: [], websiteId: SNAG.otherWebsiteId, organizationId: SNAG.otherOrganizationId } });
    expect(res.status).toBe(403);
  });

  it('answers 403 without a key, changing nothing', async () => {
    const res = await http(base, { method: 'POST', json: { data: [item(SNAG.tierAttributeId, SNAG.userId, 'x')], ...scope } });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ message: 'Forbidden, Could not validate api key' });
  });
});

describe('Snag list website user attribute values', () => {
  it('lists the values of several users given as repeated userIds', async () => {
    await http(base, { method: 'POST', headers: auth, json: { data: [item(SNAG.tierAttributeId, SNAG.secondUserId, 'bronze')], ...scope } });
    const res = await http(`${base}?userIds=${SNAG.userId}&userIds=${SNAG.secondUserId}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.body.data.map((v: any) => [v.userId, v.value])).toEqual([[SNAG.userId, 'gold'], [SNAG.secondUserId, 'bronze']]);
    expect(res.body.data[0]).toHaveProperty('customFieldId', SNAG.tierAttributeId);
  });

  it('pages values with limit and startingAfter', async () => {
    await http(base, { method: 'POST', headers: auth, json: { data: [item(SNAG.teamAttributeId, SNAG.userId, 'Spurs')], ...scope } });
    const first = await http(`${base}?userIds=${SNAG.userId}&limit=1`, { headers: auth });
    expect(first.body).toMatchObject({ hasNextPage: true, data: [{ value: 'gold' }] });
    const second = await http(`${base}?userIds=${SNAG.userId}&limit=1&startingAfter=${first.body.data[0].id}`, { headers: auth });
    expect(second.body).toMatchObject({ hasNextPage: false, data: [{ value: 'Spurs' }] });
  });

  it('requires userIds (400 naming it)', async () => {
    const res = await http(base, { headers: auth });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('userIds');
  });

  it('shows another key nothing of this website', async () => {
    const res = await http(`${base}?userIds=${SNAG.userId}`, { headers: { 'x-api-key': SNAG.otherKey } });
    expect(res.body.data).toEqual([]);
  });
});
