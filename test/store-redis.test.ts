import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/start-mock.js';
import { admin, SNAG_VALUES_PATH, snagTeamValue, snagValueWrite } from './support/admin.js';
import { http } from './support/http.js';
import { skipWithoutRedis, startRedis, type RedisServer } from './support/redis-server.js';
import { SNAG } from './support/snag-world.js';
import { startCli, type CliServer } from './support/spawn-cli.js';

const skip = skipWithoutRedis('the --store redis:// tests (test/store-redis.test.ts)');
const snagHeaders = { 'x-api-key': SNAG.key };
const addAttribute = (url: string, label: string) => http(`${url}/snag/api/website_user_attributes`, { method: 'POST', headers: snagHeaders, json: { data: [{ label }] } });
const labelsOf = async (url: string) => (await admin(url, 'GET', '/state')).body.vendors.snag.attributes.map((a: { label: string }) => a.label);

describe.skipIf(skip)('--store redis:// (issue 16, part 2)', { timeout: 120_000 }, () => {
  let redis: RedisServer;
  const mocks: RunningMock[] = [];
  const clis: CliServer[] = [];
  const replica = async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', store: redis.url });
    mocks.push(mock);
    return mock;
  };
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const mock of mocks.splice(0)) await mock.close();
    for (const cli of clis.splice(0)) if (cli.child.exitCode === null && cli.child.signalCode === null) await cli.stop('SIGKILL');
    await redis.start().catch(() => undefined);
  });
  afterAll(async () => {
    await redis?.dispose();
  });

  it('two replicas: interleaved and parallel writes from both are serialised, and both export the same state', async () => {
    const [a, b] = [await replica(), await replica()];
    const writes = Array.from({ length: 200 }, (_, i) => addAttribute((i % 2 === 0 ? a : b).url, `both-${i}`));
    expect((await Promise.all(writes)).map((res) => res.status)).toEqual(writes.map(() => 200));
    const [fromA, fromB] = await Promise.all([admin(a.url, 'GET', '/state'), admin(b.url, 'GET', '/state')]);
    expect(fromA.body).toEqual(fromB.body);
    const labels: string[] = fromA.body.vendors.snag.attributes.map((x: { label: string }) => x.label);
    expect(labels.filter((label) => label.startsWith('both-')).sort()).toEqual(Array.from({ length: 200 }, (_, i) => `both-${i}`).sort());
    // Ids come from one generator sequence across the replicas: none repeats.
    const ids = fromA.body.vendors.snag.attributes.map((x: { id: string }) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a session written on one replica is read on the other at once', async () => {
    const [a, b] = [await replica(), await replica()];
    expect((await http(`${a.url}${SNAG_VALUES_PATH}`, snagValueWrite('from-a', 'worker-7'))).status).toBe(200);
    expect(await snagTeamValue(b.url, 'worker-7')).toBe('from-a');
  });

  it('a replica killed mid-run: writes go on through the other, the restarted one catches up, both export the same state', async () => {
    const first = await startCli(['--store', redis.url]);
    clis.push(first);
    const other = await replica();
    expect((await addAttribute(first.url, 'before-kill')).status).toBe(200);
    await first.stop('SIGKILL');
    for (let i = 0; i < 5; i++) expect((await addAttribute(other.url, `while-down-${i}`)).status).toBe(200);
    const restarted = await startCli(['--store', redis.url]);
    clis.push(restarted);
    const [fromRestarted, fromOther] = await Promise.all([admin(restarted.url, 'GET', '/state'), admin(other.url, 'GET', '/state')]);
    expect(fromRestarted.body).toEqual(fromOther.body);
    expect(await labelsOf(restarted.url)).toEqual(expect.arrayContaining(['before-kill', 'while-down-4']));
  });

  it('Redis restarted mid-run: vendor-format 503s while it is down, then recovery with nothing acknowledged lost', async () => {
    const [a, b] = [await replica(), await replica()];
    expect((await addAttribute(a.url, 'before-outage')).status).toBe(200);
    await redis.stop();
    const down = await addAttribute(b.url, 'during-outage');
    expect(down.status).toBe(503);
    expect(typeof down.body.message).toBe('string');
    const read = await http(`${a.url}/snag/api/website_user_attributes`, { headers: snagHeaders });
    expect(read.status).toBe(503);
    await redis.start();
    let after = await addAttribute(b.url, 'after-outage');
    for (let tries = 0; after.status === 503 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await addAttribute(b.url, 'after-outage');
    }
    expect(after.status).toBe(200);
    for (const mock of [a, b]) {
      const labels = await labelsOf(mock.url);
      expect(labels).toEqual(expect.arrayContaining(['before-outage', 'after-outage']));
      expect(labels).not.toContain('during-outage');
    }
  });
});
