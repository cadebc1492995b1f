import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerSpec } from './server-process.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
/** The package root, from dist/bench. */
export const ROOT = path.resolve(here, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
export const PRISM = require.resolve('@stoplight/prism-cli/dist/index.js');
const SNAG_PROBE: ServerSpec['probe'] = { method: 'GET', path: '/api/website_user_attributes', headers: { 'x-api-key': 'snag-dev-key' } };

/** attrmock from the built CLI, all three vendors, at the given log level; `extraArgs` (e.g. a store) follow. */
export function attrmockServer(port: number, logLevel: string, extraArgs: string[] = [], name = `attrmock (log ${logLevel})`): ServerSpec {
  return { name, args: [CLI, 'mock', '--port', String(port), '--log-level', logLevel, ...extraArgs], port, probe: { ...SNAG_PROBE, path: `/snag${SNAG_PROBE.path}` } };
}

/** Prism 5 mocking one spec: static (examples) or dynamic (-d, generated bodies). Its logging stays at its default. */
export function prismServer(port: number, specFile: string, dynamic: boolean, probe: ServerSpec['probe'] = SNAG_PROBE): ServerSpec {
  const args = [PRISM, 'mock', '-p', String(port), '-h', '127.0.0.1', ...(dynamic ? ['-d'] : []), specFile];
  return { name: `Prism ${dynamic ? 'dynamic (-d)' : 'static'}`, args, port, probe, timeoutMs: 180_000 };
}

export function bareServer(kind: 'express' | 'node', port: number, routesFile: string): ServerSpec {
  const script = path.join(ROOT, 'dist', 'bench', `bare-${kind}.js`);
  const name = kind === 'express' ? 'bare Express 5' : 'bare node:http';
  return { name, args: [script, String(port), routesFile], port, probe: { method: 'GET', path: '/__bench/ready' } };
}

/** The attrmock engine on bare node:http (bench-only host): what attrmock would do without Express in front. */
export function engineOnNodeServer(port: number): ServerSpec {
  const script = path.join(ROOT, 'dist', 'bench', 'serve-engine-node.js');
  return { name: 'attrmock engine on node:http (bench-only host)', args: [script, '--port', String(port)], port, probe: { ...SNAG_PROBE, path: `/snag${SNAG_PROBE.path}` } };
}
