/**
 * Soak: mixed valid and invalid traffic against the built CLI in its own process (default 60 s at 50
 * connections on loopback), then checks that the server still answers, its RSS stayed flat and its state is
 * consistent. `npm run soak [-- --seconds 60 --connections 50]`; exits 1 on any failed check.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { soakTraffic } from './soak-traffic.js';

const require = createRequire(import.meta.url);
// autocannon ships no types; the soak uses its documented programmatic API only.
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

function rssOf(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

function startServer(): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, [CLI, 'mock', '--port', '0', '--log-level', 'warn', '--response-validation', 'fail'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url, pid: child.pid!, stop: () => child.kill('SIGTERM') });
      if (output.length > 100_000) output = output.slice(-10_000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`attrmock exited (${code}):\n${output}`)));
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const seconds = option('seconds', 60);
  const connections = option('connections', 50);
  const server = await startServer();
  const failures: string[] = [];
  try {
    const login = await fetch(`${server.url}/looker/api/4.0/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret' });
    const token = ((await login.json()) as { access_token: string }).access_token;
    const traffic = soakTraffic(token);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssOf(server.pid)), 1000);
    console.log(`soak: ${seconds} s, ${connections} connections, ${traffic.length} request kinds, against ${server.url} (pid ${server.pid})`);
    const result = await autocannon({ url: server.url, connections, duration: seconds, requests: traffic.map((t) => t.request) });
    clearInterval(sampler);

    const expected = new Set(traffic.map((t) => String(t.status)));
    const counts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
    console.log(`requests: ${result.requests.total} (${Math.round(result.requests.average)}/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, statuses ${JSON.stringify(counts)}`);
    const unexpected = Object.keys(counts).filter((status) => !expected.has(status));
    if (unexpected.length > 0) failures.push(`unexpected statuses ${unexpected.join(', ')} (expected only ${[...expected].join(', ')})`);
    if (result.errors + result.timeouts > 0) failures.push(`${result.errors} connection errors, ${result.timeouts} timeouts`);
    if (result.requests.total < seconds * 50) failures.push(`only ${result.requests.total} requests answered`);

    // Flat RSS: the last fifth of the run may sit at most 15% (and 24 MB) above the second fifth.
    const fifth = Math.max(1, Math.floor(samples.length / 5));
    const early = median(samples.slice(fifth, 2 * fifth));
    const late = median(samples.slice(-fifth));
    if (process.env.SOAK_VERBOSE) console.log(`rss samples (MB): ${samples.map((s) => Math.round(s / 1048576)).join(" ")}`);
    console.log(`rss: after warm-up ${mb(early)}, at the end ${mb(late)}, peak ${mb(Math.max(...samples))}`);
    // The heap takes ~15 s to settle under this load; a shorter run cannot tell growth from warm-up.
    if (samples.length < 30) console.log('rss: run shorter than 30 s, growth not judged');
    else if (late > early * 1.15 && late - early > 24 * 1024 * 1024) failures.push(`RSS grew from ${mb(early)} to ${mb(late)}`);

    failures.push(...(await checkConsistent(server.url)));
  } finally {
    server.stop();
  }
  if (failures.length > 0) {
    console.error(`soak FAILED:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log('soak passed: the server answers, RSS stayed flat, the state is consistent');
}

/** Still answering; the exported state re-imports cleanly (every reference resolves) and writes did not multiply. */
async function checkConsistent(url: string): Promise<string[]> {
  const failures: string[] = [];
  const health = await fetch(`${url}/__admin/health`);
  if (health.status !== 200) failures.push(`health answered ${health.status}`);
  const exported = await fetch(`${url}/__admin/state`);
  const state = (await exported.json()) as Record<string, any>;
  const snag = state.vendors?.snag;
  const lightdash = state.vendors?.lightdash;
  const pairs = new Set((snag?.values ?? []).map((v: { websiteUserAttributeId: string; userId: string }) => `${v.websiteUserAttributeId} ${v.userId}`));
  if (!snag || pairs.size !== snag.values.length) failures.push('snag holds two values for one (attribute, user)');
  if (!snag || snag.values.length !== 2) failures.push(`snag holds ${snag?.values.length} values; the soak writes one pair besides the seeded one`);
  const names = (lightdash?.attributes ?? []).map((a: { name: string; organizationUuid: string }) => `${a.organizationUuid} ${a.name}`);
  if (new Set(names).size !== names.length) failures.push('lightdash holds two attributes of one name');
  const reimport = await fetch(`${url}/__admin/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(state) });
  if (reimport.status >= 300) failures.push(`the exported state does not re-import: ${reimport.status} ${await reimport.text()}`);
  const after = await fetch(`${url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': 'snag-dev-key' } });
  if (after.status !== 200) failures.push(`a request after the soak answered ${after.status}`);
  return failures;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
