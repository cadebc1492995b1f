import http from 'node:http';
import path from 'node:path';
import { createEngine } from '../src/engine/create-engine.js';
import type { MockRequest } from '../src/engine/types.js';
import { sendResponse } from '../src/http/send-response.js';
import { packageRoot } from '../src/package-root.js';
import { DEFAULT_SEED } from '../src/start-mock.js';
import { vendorRegistry } from '../src/vendors/registry.js';
import { entryArgs } from './entry-args.js';

/**
 * Bench-only entry: the same engine (routing, auth, validation both ways, state) hosted on bare node:http,
 * without Express, the QA controls or logging. It measures what the host costs on top of the engine.
 */
const args = entryArgs(process.argv);
const root = packageRoot();
const engine = await createEngine({ specsDir: path.join(root, 'specs'), fixturesDir: path.join(root, 'fixtures'), vendors: vendorRegistry, seed: DEFAULT_SEED, responseValidation: 'log' });

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const pathname = mark < 0 ? url : url.slice(0, mark);
    const slash = pathname.indexOf('/', 1);
    const vendor = pathname.slice(1, slash < 0 ? undefined : slash);
    if (!engine.vendorNames.includes(vendor)) {
      res.writeHead(404).end();
      return;
    }
    const request: MockRequest = {
      method: req.method ?? 'GET',
      path: slash < 0 ? '/' : pathname.slice(slash),
      query: queryOf(mark < 0 ? '' : url.slice(mark + 1)),
      headers: req.headers as MockRequest['headers'],
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    };
    sendResponse(res, engine.handle(vendor, request).response);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(args.port ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));

function queryOf(search: string): MockRequest['query'] {
  const out: MockRequest['query'] = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}
