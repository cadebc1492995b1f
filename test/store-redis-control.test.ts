import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockOptions, type RunningMock } from '../src/start-mock.js';
import { admin } from './support/admin.js';
import { http } from './support/http.js';
import { skipWithoutRedis, startRedis, type RedisServer } from './support/redis-server.js';
import { SNAG } from './support/snag-world.js';

const skip = skipWithoutRedis('the shared fault rules, rate limits, journal and snapshots over --store redis:// (test/store-redis-control.test.ts)');
const snagHeaders = { 'x-api-key': SNAG.key };
const list = (url: string) => http(`${url}/snag/api/website_user_attributes`, { headers: snagHeaders });
const addAttribute = (url: string, label: string) => http(`${url}/snag/api/website_user_attributes`, { method: 'POST', headers: snagHeaders, json: { data: [{ label }] } });

describe.skipIf(skip)('--store redis://: QA state shared by the replicas (issue 16)', { timeout: 120_000 }, () => {
  let redis: RedisServer;
  let client: Redis;
  const mocks: RunningMock[] = [];
  const replica = async (options: MockOptions = {}) => {
    const mock = await startMock({ port: 0, logLevel: 'silent', store: redis.url, ...options });
    mocks.push(mock);
    return mock;
  };
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  });
  afterEach(async () => {
    for (const mock of mocks.splice(0)) await mock.close();
    // Each test starts from an empty store: replicas would otherwise replay the last test's rules.
    await client.flushall();
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.dispose();
  });

  it('a rule with times: 3 fires three times in all across two replicas, and is gone on both', async () => {
    const [a, b] = [await replica(), await replica()];
    expect((await admin(a.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status: 503, times: 3 })).status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => list((i % 2 === 0 ? a : b).url)));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 503)).toHaveLength(3);
    expect(statuses.filter((status) => status === 200)).toHaveLength(9);
    for (const mock of [a, b]) expect((await admin(mock.url, 'GET', '/faults')).body.faults).toEqual([]);
  });

  it('probability draws are shared: two replicas fire on the same requests one server does', async () => {
    const rule = { operationId: 'listWebsiteUserAttributes', status: 500, probability: 0.5 };
    const alone = await startMock({ port: 0, logLevel: 'silent' });
    try {
      await admin(alone.url, 'POST', '/faults', rule);
      const expected: number[] = [];
      for (let i = 0; i < 16; i++) expected.push((await list(alone.url)).status);
      expect(new Set(expected)).toEqual(new Set([200, 500]));
      const [a, b] = [await replica(), await replica()];
      await admin(b.url, 'POST', '/faults', rule);
      const shared: number[] = [];
      for (let i = 0; i < 16; i++) shared.push((await list((i % 3 === 0 ? a : b).url)).status);
      expect(shared).toEqual(expected);
    } finally {
      await alone.close();
    }
  });

  it('rate-limit windows are shared: a limit of 3 per second admits 3 requests across both replicas', async () => {
    const frozen = new Date('2026-12-05T10:00:00Z');
    const options: MockOptions = { rateLimits: { snag: 3 }, now: () => frozen };
    const [a, b] = [await replica(options), await replica(options)];
    const statuses = (await Promise.all(Array.from({ length: 8 }, (_, i) => list((i % 2 === 0 ? a : b).url)))).map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });

  it('admin changes on one replica are in force on the other as soon as they are answered', async () => {
    const [a, b] = [await replica(), await replica()];
    const added = await admin(a.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status: 418 });
    expect((await list(b.url)).status).toBe(418);
    expect((await admin(b.url, 'DELETE', `/faults/${added.body.faults[0].id}`)).status).toBe(200);
    expect((await list(a.url)).status).toBe(200);
    expect((await admin(a.url, 'GET', '/faults')).body.faults).toEqual([]);
    // Ids go on from one counter: a rule added on the other replica does not reuse f1's.
    const next = await admin(b.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status: 418 });
    expect(next.body.faults[0].id).toBe('f2');
  });

  it('the journal is shared: a request made on one replica is listed on the other, and a clear on either clears both', async () => {
    const [a, b] = [await replica(), await replica()];
    expect((await addAttribute(a.url, 'journalled-on-a')).status).toBe(200);
    expect((await list(b.url)).status).toBe(200);
    for (const mock of [a, b]) {
      const { body } = await admin(mock.url, 'GET', '/requests');
      const seen = body.requests.map((entry: { method: string; operationId: string }) => `${entry.method} ${entry.operationId}`);
      expect(seen.sort()).toEqual(['GET listWebsiteUserAttributes', 'POST createWebsiteUserAttributes']);
      const post = body.requests.find((entry: { method: string }) => entry.method === 'POST');
      expect(post.body).toEqual({ data: [{ label: 'journalled-on-a' }] });
      // Credentials are redacted before an entry leaves its replica.
      expect(JSON.stringify(post)).not.toContain(SNAG.key);
    }
    expect((await admin(b.url, 'DELETE', '/requests')).status).toBe(200);
    expect((await admin(a.url, 'GET', '/requests')).body.requests).toEqual([]);
    expect((await list(a.url)).status).toBe(200);
    expect((await admin(b.url, 'GET', '/requests')).body.requests.map((entry: { method: string }) => entry.method)).toEqual(['GET']);
  });

  it('a joining replica starts from the newest snapshot in Redis, not from the head of the log', async () => {
    const a = await replica({ storeSnapshotEvery: 5 });
    // In parallel, so writes are handed the lock one to the next while earlier appends are still on their way.
    const writes = await Promise.all(Array.from({ length: 12 }, (_, i) => addAttribute(a.url, `snapshotted-${i}`)));
    expect(writes.map((res) => res.status)).toEqual(writes.map(() => 200));
    // A snapshot is written when the lock is freed, and a parallel chain may free it only after record 9: one
    // write at a time then frees it after each, so one more snapshot is due within five of them.
    const snapshotAt = async () => (JSON.parse((await client.get('attrmock:snapshot')) ?? '{"at":0}') as { at: number }).at;
    for (let i = 0; i < 5 && (await snapshotAt()) < 10; i++) expect((await addAttribute(a.url, `one-by-one-${i}`)).status).toBe(200);
    expect(await snapshotAt()).toBeGreaterThanOrEqual(10);
    // Spoil the log's first record: a replica that replayed from the head would fail on it.
    await client.lset('attrmock:log', 0, '{"spoiled":');
    const joined = await replica();
    const [fromA, fromJoined] = await Promise.all([admin(a.url, 'GET', '/state'), admin(joined.url, 'GET', '/state')]);
    expect(fromJoined.body).toEqual(fromA.body);
    expect(fromJoined.body.vendors.snag.attributes.map((x: { label: string }) => x.label)).toContain('snapshotted-11');
  });

  it('an append that fails mid-chain: that write and those queued behind it are refused, and every write answered 2xx is in the log', async () => {
    const [a, b] = [await replica(), await replica()];
    const writes = Array.from({ length: 40 }, (_, i) => addAttribute(a.url, `chain-${i}`));
    // Another writer slips records in while the writes run, as one would after this replica's lock expired.
    let running = true;
    const all = Promise.all(writes).finally(() => (running = false));
    let slipped = 0;
    while (running) {
      await client.rpush('attrmock:log', JSON.stringify({ control: {} }));
      slipped += 1;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const answers = await all;
    expect(slipped).toBeGreaterThan(0);
    const acknowledged = answers.flatMap((res, i) => (res.status === 200 ? [`chain-${i}`] : []));
    for (const res of answers) expect([200, 500]).toContain(res.status);
    const joined = await replica();
    for (const mock of [a, b, joined]) {
      const labels = (await admin(mock.url, 'GET', '/state')).body.vendors.snag.attributes.map((x: { label: string }) => x.label).filter((label: string) => label.startsWith('chain-'));
      expect(labels.sort()).toEqual([...acknowledged].sort());
    }
  });

  it('admin changes made while vendor writes hold the lock are in force on the other replica once answered', async () => {
    const [a, b] = [await replica(), await replica()];
    for (let round = 0; round < 5; round++) {
      const load = Array.from({ length: 20 }, (_, i) => addAttribute(a.url, `load-${round}-${i}`));
      const added = await admin(a.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status: 418 });
      expect(added.status).toBe(201);
      expect((await list(b.url)).status).toBe(418);
      expect((await admin(a.url, 'DELETE', '/faults')).status).toBe(200);
      await Promise.all(load);
    }
  });

  it('a journal clear on one replica keeps the requests that came after it, on every replica', async () => {
    const [a, b] = [await replica(), await replica()];
    expect((await list(a.url)).status).toBe(200);
    expect((await admin(b.url, 'DELETE', '/requests')).status).toBe(200);
    expect((await addAttribute(a.url, 'after-the-clear')).status).toBe(200);
    for (const mock of [a, b]) {
      const methods = (await admin(mock.url, 'GET', '/requests')).body.requests.map((entry: { method: string }) => entry.method);
      expect(methods).toEqual(['POST']);
    }
    const joined = await replica();
    expect((await admin(joined.url, 'GET', '/requests')).body.requests.map((entry: { method: string }) => entry.method)).toEqual(['POST']);
  });

  it('refuses --proxy beside --store, which cannot forward a request yet, rather than dropping the proxy silently', async () => {
    await expect(startMock({ port: 0, logLevel: 'silent', store: redis.url, proxy: { snag: 'http://127.0.0.1:9' } })).rejects.toThrow(/--proxy cannot be combined with --store/);
  });

  it("the dashboard's live journal on one replica shows a request made on the other", async () => {
    const [a, b] = [await replica(), await replica()];
    const controller = new AbortController();
    const events = await fetch(`${b.url}/__admin/events`, { signal: controller.signal });
    expect(events.status).toBe(200);
    const reader = events.body!.getReader();
    expect((await list(a.url)).status).toBe(200);
    let seen = '';
    try {
      while (!seen.includes('"operationId":"listWebsiteUserAttributes"')) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += new TextDecoder().decode(value);
      }
    } finally {
      controller.abort();
    }
    expect(seen).toContain('event: request');
    expect(seen).toContain('"operationId":"listWebsiteUserAttributes"');
  });
});
