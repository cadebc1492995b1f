import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { LOOKER_LOGIN, LOOKER_PATCH, SNAG_CASES, toRequest, type BenchCase } from './bench-cases.js';
import { attrmockServer, bareServer, engineOnNodeServer, prismServer, ROOT } from './bench-servers.js';
import type { BareRoute } from './bare-routes.js';
import { runLoad, type LoadOptions, type LoadResult } from './run-load.js';
import { send } from './send.js';
import { freePort, startServer, type ServerSpec } from './server-process.js';

export interface CaseResult {
  server: string;
  caseId: string;
  /** What the server answered to the case's request before the load (status and body size). */
  status: number;
  bytes: number;
  load: LoadResult;
}

interface Target {
  spec: ServerSpec;
  /** Where the vendor is mounted: '' (Prism), or 'case' for a path per case (bare servers); attrmock uses `/<vendor>`. */
  prefix: string;
  cases: BenchCase[];
}

/** Every server in turn, alone on the machine, driven with the same requests. */
export async function runThroughput(load: LoadOptions, workDir: string, log: (line: string) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const captured = new Map<string, BareRoute>();
  const attrmockCases = [...SNAG_CASES, LOOKER_PATCH];
  const first: Target[] = [
    { spec: attrmockServer(await freePort(), 'info'), prefix: '', cases: attrmockCases },
    { spec: attrmockServer(await freePort(), 'warn'), prefix: '', cases: attrmockCases },
    { spec: engineOnNodeServer(await freePort()), prefix: '', cases: attrmockCases },
    { spec: prismServer(await freePort(), path.join(ROOT, 'specs', 'snag.oas.yaml'), false), prefix: '', cases: SNAG_CASES },
    { spec: prismServer(await freePort(), path.join(ROOT, 'specs', 'snag.oas.yaml'), true), prefix: '', cases: SNAG_CASES },
  ];
  for (const target of first) results.push(...(await runTarget(target, load, captured, log)));
  const routesFile = path.join(workDir, 'bare-routes.json');
  writeFileSync(routesFile, JSON.stringify([...captured.values(), { method: 'GET', path: '/__bench/ready', status: 200, body: '{}' }]));
  for (const kind of ['express', 'node'] as const) {
    results.push(...(await runTarget({ spec: bareServer(kind, await freePort(), routesFile), prefix: 'case', cases: SNAG_CASES }, load, captured, log)));
  }
  return results;
}

async function runTarget(target: Target, load: LoadOptions, captured: Map<string, BareRoute>, log: (line: string) => void): Promise<CaseResult[]> {
  const server = await startServer(target.spec);
  const isAttrmock = server.name.startsWith('attrmock');
  log(`${server.name}: up in ${server.startupMs.toFixed(0)} ms`);
  const results: CaseResult[] = [];
  try {
    for (const c of target.cases) {
      // Bare servers read no body, so each case gets its own path there (`/seed-post/api/...`).
      const prefix = isAttrmock ? `/${c.vendor}` : target.prefix === 'case' ? `/${c.id}` : target.prefix;
      const auth: Record<string, string> = c.vendor === 'looker' ? { authorization: `token ${await lookerToken(server.url)}` } : {};
      const req = toRequest(c, server.url, prefix, auth);
      const first = await send(req);
      if (isAttrmock && first.status !== c.expectStatus) throw new Error(`${server.name} ${c.id}: answered ${first.status}, expected ${c.expectStatus}: ${first.body}`);
      if (isAttrmock && c.vendor === 'snag') captured.set(c.id, { method: c.method, path: `/${c.id}${c.path.split('?')[0]}`, status: first.status, body: first.body });
      const result = await runLoad(req, first.status, server.pid, load);
      log(`${server.name} ${c.id}: ${first.status} ${Buffer.byteLength(first.body)} B, ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/req, peak RSS ${(result.peakRss / 2 ** 20).toFixed(0)} MiB, unexpected ${result.unexpected}, errors ${result.errors}`);
      results.push({ server: server.name, caseId: c.id, status: first.status, bytes: Buffer.byteLength(first.body), load: result });
    }
  } finally {
    await server.stop();
  }
  return results;
}

async function lookerToken(baseUrl: string): Promise<string> {
  const res = await send({ method: 'POST', url: `${baseUrl}/looker${LOOKER_LOGIN.path}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: LOOKER_LOGIN.body });
  if (res.status !== 200) throw new Error(`looker login answered ${res.status}: ${res.body}`);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}
