import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { prettyReport } from '../src/contract/reporters/pretty-reporter.js';
import { runContracts } from '../src/contract/run-contracts.js';
import { summarize } from '../src/contract/summarize.js';
import type { SuiteResult } from '../src/contract/types.js';

const run = promisify(execFile);
const CLI = new URL('../dist/src/cli/main.js', import.meta.url).pathname;

interface Recorder {
  url: string;
  requests: string[];
  server: Server;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A loopback server recording each request (with its x-api-key) and answering with `answer`. */
async function recorder(answer: (req: IncomingMessage, res: ServerResponse, count: number) => void): Promise<Recorder> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push(`${req.method} ${req.url} key=${req.headers['x-api-key'] ?? ''}`);
      answer(req, res, requests.length);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, requests, server };
}

/** A three-step Snag suite (GETs, so that nothing needs cleaning up). */
async function snagSuite(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'attrmock-safety-'));
  const file = path.join(dir, 'snag-mini.yaml');
  const step = (name: string) => `      - name: ${name}\n        request: { method: GET, path: /api/website_user_attributes }\n        expect: { status: 200 }\n`;
  await writeFile(file, `vendor: snag\nname: mini\nscenarios:\n  - name: first\n    steps:\n${step('one')}${step('two')}\n  - name: second\n    steps:\n${step('three')}`);
  return file;
}

const steps = (results: SuiteResult[]) => results.flatMap((suite) => suite.scenarios.flatMap((scenario) => scenario.steps));

describe('the contract runner and a target that redirects', () => {
  it('does not follow a step redirect: the step fails naming its Location, and the other origin hears nothing', async () => {
    const elsewhere = await recorder((_req, res) => res.end('{}'));
    const target = await recorder((_req, res) => res.writeHead(307, { location: `${elsewhere.url}/steal` }).end());
    const results = await runContracts({ target: `${target.url}/{vendor}`, suiteFiles: [await snagSuite()], env: { SNAG_API_KEY: 'real-key' } });
    const [first] = steps(results);
    expect(first!.outcome).toBe('failed');
    expect(first!.failures[0]).toMatchObject({ check: 'redirect' });
    expect(first!.failures[0]!.message).toContain(`redirecting to ${elsewhere.url}/steal`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('does not follow a redirect of the Looker sign-in: the client secret stays home and the suite says where it was sent', async () => {
    const elsewhere = await recorder((_req, res) => res.end('{"access_token":"x"}'));
    const target = await recorder((_req, res) => res.writeHead(307, { location: `${elsewhere.url}/login` }).end());
    const results = await runContracts({ target: `${target.url}/{vendor}`, vendors: ['looker'], env: { LOOKER_CLIENT_ID: 'id', LOOKER_CLIENT_SECRET: 'secret' } });
    expect(results[0]!.error).toContain(`redirecting to ${elsewhere.url}/login`);
    expect(elsewhere.requests).toEqual([]);
    expect(target.requests).toHaveLength(1);
  });

  it('does not follow a redirect of a cleanup either, and reports where it pointed', async () => {
    const elsewhere = await recorder((_req, res) => res.end('{}'));
    const target = await recorder((req, res) => {
      if (req.method === 'DELETE') return void res.writeHead(307, { location: `${elsewhere.url}/delete` }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[{"id":"a1","websiteId":"w1","organizationId":"o1"}]}');
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'attrmock-safety-'));
    const file = path.join(dir, 'snag-create.yaml');
    await writeFile(file, [
      'vendor: snag', 'name: create', 'scenarios:', '  - name: creates', '    steps:', '      - name: creates one',
      '        request: { method: POST, path: /api/website_user_attributes, body: { data: [{ label: x }] } }',
      '        expect: { status: 200 }', '        capture: { id: "data[0].id" }',
      '        cleanup: { method: DELETE, path: "/api/website_user_attributes/${id}" }', '',
    ].join('\n'));
    const results = await runContracts({ target: `${target.url}/{vendor}`, suiteFiles: [file] });
    const [cleanup] = results[0]!.scenarios[0]!.cleanup;
    expect(cleanup!.outcome).toBe('failed');
    expect(cleanup!.failures[0]!.message).toContain(`redirecting to ${elsewhere.url}/delete (not followed)`);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('the contract runner and Retry-After', () => {
  it('stops the suite at a 429 asking for more than it waits, after one request', async () => {
    const target = await recorder((_req, res) => res.writeHead(429, { 'retry-after': '120', 'content-type': 'application/json' }).end('{"message":"slow down"}'));
    const results = await runContracts({ target: `${target.url}/{vendor}`, suiteFiles: [await snagSuite()] });
    expect(target.requests).toHaveLength(1);
    const [first, ...rest] = steps(results);
    expect(first!.failures[0]!.message).toMatch(/429 with Retry-After: 120.*stopping the suite/);
    expect(rest.map((step) => step.outcome)).toEqual(['skipped', 'skipped']);
    expect(summarize(results)).toMatchObject({ failed: 1, skipped: 2, total: 3 });
  });

  it('waits out a short Retry-After and retries once', async () => {
    const target = await recorder((_req, res, count) => {
      if (count === 1) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"hasNextPage":false}');
    });
    const results = await runContracts({ target: `${target.url}/{vendor}`, suiteFiles: [await snagSuite()] });
    expect(target.requests).toHaveLength(4);
    expect(steps(results).map((step) => step.status)).toEqual([200, 200, 200]);
  });
});

describe('the contract runner and an unreachable target', () => {
  it('names the cause once (ECONNREFUSED host:port) and stops the suite', async () => {
    const closed = await recorder(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    const port = new URL(closed.url).port;
    const results = await runContracts({ target: `${closed.url}/{vendor}`, suiteFiles: [await snagSuite()] });
    expect(steps(results).map((step) => step.outcome)).toEqual(['failed', 'skipped', 'skipped']);
    const report = prettyReport(results);
    expect(report.match(/ECONNREFUSED/g)).toHaveLength(1);
    expect(report).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(report).not.toContain('fetch failed');
  });
});

describe('a connection cut mid-request', () => {
  it('fails that step, naming the cause, and lets the next steps run', async () => {
    const target = await recorder((req, res, count) => {
      if (count === 1) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"hasNextPage":false}');
    });
    const results = await runContracts({ target: `${target.url}/{vendor}`, suiteFiles: [await snagSuite()] });
    const [first, ...rest] = steps(results);
    expect(first!.failures[0]!.message).toMatch(/the connection to http:\/\/127\.0\.0\.1:\d+ broke: \S+/);
    expect(first!.failures[0]!.message).not.toMatch(/fetch failed$/);
    expect(rest.map((step) => step.status)).toEqual([undefined, 200]);
  });
});

describe('credentials in a --target URL', () => {
  it('are refused before anything is sent, without repeating the secret', async () => {
    const target = await recorder((_req, res) => res.end('{}'));
    const withUser = target.url.replace('http://', 'http://admin:hunter2@');
    const error = await runContracts({ target: `${withUser}/{vendor}`, suiteFiles: [await snagSuite()] }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/must not carry credentials/);
    expect((error as Error).message).not.toContain('hunter2');
    expect(target.requests).toEqual([]);
  });

  it('never reach the JUnit file: the CLI refuses and writes none', async () => {
    const target = await recorder((_req, res) => res.end('{}'));
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'attrmock-junit-')), 'report.xml');
    const withUser = target.url.replace('http://', 'http://admin:hunter2@');
    const failed = await run(process.execPath, [CLI, 'contract', '--target', `${withUser}/{vendor}`, '--reporter', 'junit', '--out', out]).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).not.toContain('hunter2');
    expect(existsSync(out)).toBe(false);
  });
});

describe('the totals of a run', () => {
  it('add up when a suite cannot start: its steps count as skipped, and the label has no stray space', async () => {
    const results = await runContracts({ target: 'vendor', vendors: ['looker'], env: {} });
    const summary = summarize(results);
    expect(summary.total).toBe(summary.passed + summary.failed + summary.skipped);
    expect(summary.skipped).toBeGreaterThan(10);
    expect(summary.skippedBecause).toEqual({ 'the suite could not run': summary.skipped });
    const broken: SuiteResult = { ...results[0]!, target: { kind: 'prism', baseUrl: '' } };
    expect(prettyReport([broken])).toContain('(prism) could not run');
  });
});
