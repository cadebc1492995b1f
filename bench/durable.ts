import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REDIS_MISSING, startRedis } from '../test/support/redis-server.js';
import { SNAG_CASES, seedPostBody, toRequest } from './bench-cases.js';
import { attrmockServer } from './bench-servers.js';
import { fileSystemOf } from './file-system.js';
import { writeHar } from './har-file.js';
import { runSpreadLoad, type LoadOptions, type LoadResult } from './run-load.js';
import { send } from './send.js';
import { freePort, startServer, type ServerProcess, type ServerSpec } from './server-process.js';
import { ratio } from './targets.js';

export interface DurableResult {
  mode: string;
  /** Where the mode keeps its writes, and on what file system. */
  setup: string;
  /** attrmock processes sharing the load (autocannon spreads the connections over them). */
  servers: number;
  load: LoadResult;
}

export interface DurableRun {
  /** In memory first: the other modes are read as ratios to it. */
  results: DurableResult[];
  /** Modes that could not be measured, and why: printed loudly and kept in the report. */
  skipped: string[];
}

const SEED_POST = SNAG_CASES.find((c) => c.id === 'seed-post')!;
/**
 * Bodies each connection sends in turn (every connection starts at the first): the stored values change from
 * one round of the connections to the next all through the run, not once at its start.
 */
const VARIANTS = 1000;
/**
 * As the throughput section's `warn` rows: a request log line costs the same in every mode, and left out it
 * does not blur the ratio that is the point here, the cost of the store.
 */
const LOG_LEVEL = 'warn';

/**
 * What durability costs: the throughput section's write (the Snag seed POST, an upsert of three values, here
 * changed on every request) on attrmock in memory, with `--state-file`, and as two replicas sharing one Redis,
 * each with the same 50 connections in all.
 */
export async function runDurable(load: LoadOptions, workDir: string, log: (line: string) => void): Promise<DurableRun> {
  const dir = path.join(workDir, 'durable');
  mkdirSync(dir);
  const run: DurableRun = { results: [], skipped: [] };
  const measure = async (mode: string, setup: string, specs: ServerSpec[]): Promise<void> => {
    const result = await measureMode(mode, setup, specs, load, dir);
    const inMemory = run.results[0]?.load ?? result.load;
    const r = result.load;
    log(`durable, ${mode}: ${r.rps.toFixed(0)} req/s (${ratio(r.rps, inMemory.rps)} in memory), p50 ${r.p50} ms, p99 ${r.p99} ms (${ratio(r.p99, inMemory.p99)}), ${r.cpuUsPerRequest.toFixed(0)} µs attrmock CPU/req, peak RSS ${(r.peakRss / 2 ** 20).toFixed(0)} MiB, unexpected ${r.unexpected}, errors ${r.errors}`);
    run.results.push(result);
  };
  await measure('in memory', 'no store: the writes live in the process only', [attrmockServer(await freePort(), LOG_LEVEL)]);
  const stateFile = path.join(dir, 'state.json');
  const stateFileSpec = attrmockServer(await freePort(), LOG_LEVEL, ['--state-file', stateFile], `attrmock --state-file (log ${LOG_LEVEL})`);
  await measure('--state-file', `a new file in a temp folder on ${fileSystemOf(dir)}; each write fdatasync'ed before its answer`, [stateFileSpec]);
  if (REDIS_MISSING) {
    const why = 'durable, two replicas on Redis: SKIPPED, redis-server is not installed (apt-get install -y redis-server, as .ci/run does)';
    log(`*** ${why} ***`);
    run.skipped.push(why);
    return run;
  }
  // The tests' own Redis: appendonly with appendfsync always, the setting that makes the README's promise match --state-file's.
  const redis = await startRedis();
  try {
    const replicas: ServerSpec[] = [];
    for (const n of [1, 2]) replicas.push(attrmockServer(await freePort(), LOG_LEVEL, ['--store', redis.url], `attrmock replica ${n} --store redis (log ${LOG_LEVEL})`));
    const setup = `one redis-server on loopback, appendonly yes, appendfsync always (as the tests start it), data on ${fileSystemOf(os.tmpdir())}; ${load.connections / replicas.length} connections to each replica`;
    await measure('2 replicas, --store redis', setup, replicas);
  } finally {
    await redis.dispose();
  }
  return run;
}

async function measureMode(mode: string, setup: string, specs: ServerSpec[], load: LoadOptions, dir: string): Promise<DurableResult> {
  const servers: ServerProcess[] = [];
  try {
    // One after another, as replicas joining would: each replays what the ones before it wrote.
    for (const spec of specs) servers.push(await startServer(spec));
    const urls: string[] = [];
    for (const server of servers) {
      const req = toRequest(SEED_POST, server.url, '/snag');
      const first = await send(req);
      if (first.status !== SEED_POST.expectStatus) throw new Error(`${server.name} seed-post: answered ${first.status}, expected ${SEED_POST.expectStatus}: ${first.body}`);
      urls.push(req.url);
    }
    const harFile = path.join(dir, `${mode.replace(/\W+/g, '-')}.har`);
    writeHar(harFile, SEED_POST, urls, Array.from({ length: VARIANTS }, (_, i) => seedPostBody(i)));
    const servedBy = servers.map((server, i) => ({ url: urls[i]!, pid: server.pid }));
    const result = await runSpreadLoad(SEED_POST, servedBy, SEED_POST.expectStatus, { ...load, harFile });
    return { mode, setup, servers: servers.length, load: result };
  } finally {
    for (const server of servers) await server.stop();
  }
}
