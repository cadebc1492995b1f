import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { lookerAuth, send, snapshotOf } from './support/hardening-harness.js';
import { SNAG } from './support/snag-world.js';
import { LIGHTDASH } from './support/vendor-requests.js';

/**
 * 1,000 writes in flight at once. The clock ticks one millisecond per call, so every accepted write carries its
 * own updatedAt: the serial order the server applied them in. The final state must be that order's result.
 */
const PARALLEL = 1000;
let mock: RunningMock;
let tick = 0;
const snagAuth = { 'x-api-key': SNAG.key };
const VALUES = '/api/website_user_attributes/values';

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', now: () => new Date(Date.UTC(2030, 0, 1) + tick++) });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

interface SnagValue {
  id: string;
  websiteUserAttributeId: string;
  userId: string;
  value: string;
  updatedAt: string;
}

const writeValue = (websiteUserAttributeId: string, userId: string, value: string) =>
  send(mock, 'snag', { method: 'POST', path: VALUES, headers: snagAuth, body: { data: [{ websiteUserAttributeId, userId, value }], websiteId: SNAG.websiteId, organizationId: SNAG.organizationId } });

function storedValues(): SnagValue[] {
  return JSON.parse(snapshotOf(mock, 'snag')).state.values as SnagValue[];
}

/** For each pair, the accepted write with the latest updatedAt: what a serial run in that order leaves. */
function lastWriteWins(accepted: SnagValue[]): Map<string, SnagValue> {
  const last = new Map<string, SnagValue>();
  for (const v of accepted) {
    const key = `${v.websiteUserAttributeId} ${v.userId}`;
    const seen = last.get(key);
    if (!seen || v.updatedAt > seen.updatedAt) last.set(key, v);
  }
  return last;
}

describe('parallel upserts', () => {
  it(`applies ${PARALLEL} parallel upserts of one (attribute, user) one at a time: one value, the last write's`, async () => {
    const responses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => writeValue(SNAG.tierAttributeId, SNAG.userId, `v${i}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(PARALLEL).fill(200));
    const accepted = responses.map((r) => r.body[0] as SnagValue);
    expect(new Set(accepted.map((v) => v.id))).toEqual(new Set([SNAG.seededValueId]));
    expect(new Set(accepted.map((v) => v.updatedAt)).size).toBe(PARALLEL);
    const stored = storedValues().filter((v) => v.websiteUserAttributeId === SNAG.tierAttributeId && v.userId === SNAG.userId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject(lastWriteWins(accepted).values().next().value!);
  });

  it(`applies ${PARALLEL} parallel upserts to ${PARALLEL} different pairs with no lost update and no duplicate`, async () => {
    const labels = Array.from({ length: 46 }, (_, i) => ({ label: `concurrent ${i}` }));
    const created = await send(mock, 'snag', { method: 'POST', path: '/api/website_user_attributes', headers: snagAuth, body: { data: labels } });
    const attributes: string[] = created.body.data.map((a: { id: string }) => a.id);
    const users = (JSON.parse(snapshotOf(mock, 'snag')).state.users as Array<{ id: string; organizationId: string }>).filter((u) => u.organizationId === SNAG.organizationId).map((u) => u.id);
    const pairs = attributes.flatMap((a) => users.map((u) => [a, u] as const)).slice(0, PARALLEL);
    expect(pairs).toHaveLength(PARALLEL);
    const before = storedValues().length;
    const responses = await Promise.all(pairs.map(([a, u], i) => writeValue(a, u, `w${i}`)));
    expect(responses.filter((r) => r.status !== 200)).toEqual([]);
    const accepted = responses.map((r) => r.body[0] as SnagValue);
    const stored = storedValues();
    expect(stored).toHaveLength(before + PARALLEL);
    expect(new Set(stored.map((v) => v.id)).size).toBe(stored.length);
    for (const [key, expected] of lastWriteWins(accepted)) {
      expect(stored.find((v) => `${v.websiteUserAttributeId} ${v.userId}` === key), key).toMatchObject({ value: expected.value, id: expected.id });
    }
  });

  it('interleaves parallel writes to a few hot pairs and ends with each pair\'s last accepted write', async () => {
    const hot = [SNAG.tierAttributeId, SNAG.teamAttributeId].flatMap((a) => [SNAG.userId, SNAG.secondUserId].map((u) => [a, u] as const));
    const responses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => writeValue(hot[i % hot.length]![0], hot[i % hot.length]![1], `h${i}`)));
    const accepted = responses.map((r) => r.body[0] as SnagValue);
    const stored = storedValues();
    for (const [key, expected] of lastWriteWins(accepted)) {
      const matching = stored.filter((v) => `${v.websiteUserAttributeId} ${v.userId}` === key);
      expect(matching, key).toHaveLength(1);
      expect(matching[0]!.value).toBe(expected.value);
    }
  });

  it('serialises parallel Looker user-value writes the same way', async () => {
    const auth = await lookerAuth(mock);
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => send(mock, 'looker', { method: 'PATCH', path: '/api/4.0/users/4/attribute_values/3', headers: auth, body: { value: `l${i}` } })),
    );
    expect(responses.filter((r) => r.status !== 200)).toEqual([]);
    const read = await send(mock, 'looker', { method: 'GET', path: '/api/4.0/users/4/attribute_values', query: { user_attribute_ids: '3' }, headers: auth });
    const userValues = JSON.parse(snapshotOf(mock, 'looker')).state.userValues as Array<[string, string, string]>;
    expect(userValues.filter(([attribute, user]) => attribute === '3' && user === '4')).toHaveLength(1);
    expect(responses.map((r) => r.body.value)).toContain(read.body[0].value);
  });
});

describe('parallel creates of one unique name', () => {
  const N = 200;

  it(`lets exactly one of ${N} parallel Lightdash creates of a name win; the rest fail as upstream does`, async () => {
    const auth = { authorization: `ApiKey ${LIGHTDASH.token}` };
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) => send(mock, 'lightdash', { method: 'POST', path: '/api/v1/org/attributes', headers: auth, body: { name: 'race', attributeDefault: `d${i}`, users: [], groups: [] } })),
    );
    const winners = responses.filter((r) => r.status === 201);
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => r.status !== 201).every((r) => r.status === 500 && r.body.error.name === 'UnexpectedServerError')).toBe(true);
    const listed = await send(mock, 'lightdash', { method: 'GET', path: '/api/v1/org/attributes', headers: auth });
    const races = listed.body.results.filter((a: { name: string }) => a.name === 'race');
    expect(races).toEqual([winners[0]!.body.results]);
  });

  it(`lets exactly one of ${N} parallel Looker creates of a name win; the rest get 422 already_exists`, async () => {
    const auth = await lookerAuth(mock);
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) => send(mock, 'looker', { method: 'POST', path: '/api/4.0/user_attributes', headers: auth, body: { name: 'race', label: `Race ${i}`, type: 'string' } })),
    );
    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const losers = responses.filter((r) => r.status !== 200);
    expect(losers.every((r) => r.status === 422 && r.body.errors.some((e: { field: string; code: string }) => e.field === 'name' && e.code === 'already_exists'))).toBe(true);
    const attributes = JSON.parse(snapshotOf(mock, 'looker')).state.attributes as Array<{ id: string; name: string }>;
    expect(attributes.filter((a) => a.name === 'race')).toEqual([expect.objectContaining({ id: winners[0]!.body.id })]);
  });

  it(`keeps one Snag attribute when ${N} parallel creates name the same new id`, async () => {
    const id = '0b7e3a52-6f1d-4c2a-9e8b-5d4c3b2a1f00';
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) => send(mock, 'snag', { method: 'POST', path: '/api/website_user_attributes', headers: snagAuth, body: { data: [{ id, label: `L${i}` }] } })),
    );
    expect(responses.filter((r) => r.status !== 200)).toEqual([]);
    const stored = (JSON.parse(snapshotOf(mock, 'snag')).state.attributes as Array<{ id: string; label: string; updatedAt: string }>).filter((a) => a.id === id);
    expect(stored).toHaveLength(1);
    const last = responses.map((r) => r.body.data[0]).reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
    expect(stored[0]!.label).toBe(last.label);
  });
});
