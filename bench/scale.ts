import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './bench-servers.js';
import { procMemory } from './proc-memory.js';
import { writeScaleFixture } from './scale-fixture.js';
import { freePort, startServer } from './server-process.js';

export interface Latency {
  p50: number;
  p99: number;
  mean: number;
}

export interface ScaleResult {
  values: number;
  startupMs: number;
  /** RSS once seeded and idle, and after the latency runs; peak is the process's high-water mark. */
  rssIdle: number;
  rssAfter: number;
  peakRss: number;
  list: Latency;
  upsert: Latency;
}

/** The same Snag world at 1,000 values and at `values`, each measured in a fresh server. */
export async function runScale(values: number, workDir: string, requests: number, log: (line: string) => void): Promise<ScaleResult[]> {
  const results: ScaleResult[] = [];
  for (const size of [1_000, values]) {
    const dir = path.join(workDir, `scale-${size}`);
    const { users } = writeScaleFixture(dir, size);
    const port = await freePort();
    const server = await startServer({
      name: `attrmock with ${size} values`,
      args: [path.join(ROOT, 'dist', 'bench', 'serve-scale.js'), '--port', String(port), '--fixtures', dir],
      port,
      probe: { method: 'GET', path: '/snag/api/website_user_attributes', headers: { 'x-api-key': 'snag-dev-key' } },
      timeoutMs: 600_000,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const rssIdle = procMemory(server.pid).rss;
      const list = await measure(server.url, 'list', users, requests);
      const upsert = await measure(server.url, 'upsert', users, requests);
      const memory = procMemory(server.pid);
      const result = { values: size, startupMs: Math.round(server.startupMs), rssIdle, rssAfter: memory.rss, peakRss: memory.peak, list, upsert };
      log(`scale ${size}: up in ${result.startupMs} ms, RSS ${mib(rssIdle)} → ${mib(memory.rss)} MiB (peak ${mib(memory.peak)}), list p50 ${list.p50.toFixed(3)} p99 ${list.p99.toFixed(3)} ms, upsert p50 ${upsert.p50.toFixed(3)} p99 ${upsert.p99.toFixed(3)} ms`);
      results.push(result);
    } finally {
      await server.stop();
    }
  }
  return results;
}

function measure(url: string, kind: 'list' | 'upsert', users: number, requests: number): Promise<Latency> {
  const script = path.join(ROOT, 'dist', 'bench', 'measure-latency.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, url, kind, String(users), String(requests)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Latency) : reject(new Error(`latency worker exited ${code}`))));
  });
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
