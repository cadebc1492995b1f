import path from 'node:path';
import { attrmockServer, prismServer, ROOT } from './bench-servers.js';
import { freePort, startServer, type ServerSpec } from './server-process.js';
import { unpackFullLookerSpec } from '../test/reference/full-looker-spec.js';


export interface StartupResult {
  server: string;
  specs: string;
  /** Spawn to first 2xx, each run, in ms. */
  runsMs: number[];
  medianMs: number;
}

interface StartupCase {
  server: string;
  specs: string;
  spec(port: number): ServerSpec;
}

const specsDir = path.join(ROOT, 'specs');
const probes = {
  snag: { method: 'GET', path: '/api/website_user_attributes', headers: { 'x-api-key': 'snag-dev-key' } },
  lightdash: { method: 'GET', path: '/api/v1/org/attributes', headers: { authorization: 'ApiKey lightdash-dev-token' } },
  looker: { method: 'GET', path: '/api/4.0/user_attributes', headers: { authorization: 'token bench' } },
  full: { method: 'GET', path: '/versions' },
};

/** The cases, with the full Looker spec unpacked at `fullLookerSpec`. */
const cases = (fullLookerSpec: string): StartupCase[] => [
  { server: 'attrmock', specs: 'snag + lightdash + looker (3 specs, fixtures)', spec: (port) => attrmockServer(port, 'info') },
  { server: 'Prism static', specs: 'snag.oas.yaml', spec: (port) => prismServer(port, path.join(specsDir, 'snag.oas.yaml'), false, probes.snag) },
  { server: 'Prism static', specs: 'lightdash.oas.yaml', spec: (port) => prismServer(port, path.join(specsDir, 'lightdash.oas.yaml'), false, probes.lightdash) },
  { server: 'Prism static', specs: 'looker.oas.yaml', spec: (port) => prismServer(port, path.join(specsDir, 'looker.oas.yaml'), false, probes.looker) },
  {
    server: 'attrmock',
    specs: 'Looker.4.0.oas.json (full, spec-only vendor)',
    spec: (port) => ({
      name: 'attrmock full Looker',
      args: [path.join(ROOT, 'dist', 'bench', 'serve-spec-only.js'), '--port', String(port), '--spec', fullLookerSpec, '--name', 'looker'],
      port,
      probe: { ...probes.full, path: `/looker${probes.full.path}` },
    }),
  },
  { server: 'Prism static', specs: 'Looker.4.0.oas.json (full)', spec: (port) => prismServer(port, fullLookerSpec, false, probes.full) },
];

/** Spawn to first successful answer, several times each, one server at a time; the median is reported. */
export async function runStartup(runs: number, workDir: string, log: (line: string) => void): Promise<StartupResult[]> {
  const results: StartupResult[] = [];
  for (const c of cases(unpackFullLookerSpec(path.join(workDir, 'full-looker')))) {
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const server = await startServer(c.spec(await freePort()));
      runsMs.push(Math.round(server.startupMs));
      await server.stop();
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    const medianMs = sorted[Math.floor(sorted.length / 2)]!;
    log(`start-up ${c.server} ${c.specs}: median ${medianMs} ms (${runsMs.join(', ')})`);
    results.push({ server: c.server, specs: c.specs, runsMs, medianMs });
  }
  return results;
}
