import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BenchRequest } from './send.js';
import { procCpuMs, sampleRss } from './proc-memory.js';

const require = createRequire(import.meta.url);
const AUTOCANNON = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Requests autocannon sends in turn instead of the request's method, headers and body (see har-file.ts). */
  harFile?: string;
}

/** A server under load: its own URL for the request, and its process, measured from /proc. */
export interface LoadServer {
  url: string;
  pid: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Responses whose status was not the one expected. */
  unexpected: number;
  errors: number;
  /** Highest RSS of the server (of the highest one, with several) sampled while the load ran. */
  peakRss: number;
  /** The server's (servers' together) CPU time per answered request, in µs: steadier than req/s on a shared machine. */
  cpuUsPerRequest: number;
}

interface AutocannonJson {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats?: Record<string, { count: number }>;
}

/** Drives one server with autocannon: see runSpreadLoad. */
export function runLoad(req: BenchRequest, expectStatus: number, serverPid: number, options: LoadOptions): Promise<LoadResult> {
  return runSpreadLoad(req, [{ url: req.url, pid: serverPid }], expectStatus, options);
}

/**
 * Drives servers with autocannon from a separate process (its CLI), after a warm-up run that is thrown away. With
 * several servers (replicas) the request goes to each at its own URL and autocannon spreads the connections over
 * them evenly: one run and one latency histogram, so req/s and the percentiles are the group's own, not sums or
 * maxima of runs that would never quite overlap.
 */
export async function runSpreadLoad(req: Omit<BenchRequest, 'url'>, servers: LoadServer[], expectStatus: number, options: LoadOptions): Promise<LoadResult> {
  const urls = servers.map((server) => server.url);
  if (options.warmupSeconds > 0) await autocannon(req, urls, options.connections, options.warmupSeconds, options.harFile);
  const stopSampling = servers.map((server) => sampleRss(server.pid));
  const cpuOf = (): number => servers.reduce((sum, server) => sum + procCpuMs(server.pid), 0);
  const cpuBefore = cpuOf();
  const result = await autocannon(req, urls, options.connections, options.durationSeconds, options.harFile);
  const cpuMs = cpuOf() - cpuBefore;
  const peakRss = Math.max(...stopSampling.map((stop) => stop()));
  const expected = result.statusCodeStats?.[String(expectStatus)]?.count ?? (expectStatus < 300 ? result['2xx'] : result.non2xx);
  const total = Object.values(result.statusCodeStats ?? {}).reduce((sum, s) => sum + s.count, 0) || result['2xx'] + result.non2xx;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    unexpected: total - expected,
    errors: result.errors + result.timeouts,
    peakRss,
    cpuUsPerRequest: total > 0 ? (cpuMs * 1000) / total : 0,
  };
}

function autocannon(req: Omit<BenchRequest, 'url'>, urls: string[], connections: number, seconds: number, harFile?: string): Promise<AutocannonJson> {
  const args = [AUTOCANNON, '-j', '-c', String(connections), '-d', String(seconds)];
  if (harFile !== undefined) {
    args.push('--har', harFile);
  } else {
    args.push('-m', req.method);
    for (const [name, value] of Object.entries(req.headers ?? {})) args.push('-H', `${name}=${value}`);
    if (req.body !== undefined) args.push('-b', req.body);
  }
  args.push(...urls);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as AutocannonJson);
      } catch {
        reject(new Error(`autocannon exited ${code}: ${err.slice(-2000)}`));
      }
    });
  });
}
