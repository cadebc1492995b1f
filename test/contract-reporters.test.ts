import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { jsonReport } from '../src/contract/reporters/json-reporter.js';
import { junitReport } from '../src/contract/reporters/junit-reporter.js';
import { prettyReport, prettyScenarioLine } from '../src/contract/reporters/pretty-reporter.js';
import type { SuiteResult } from '../src/contract/types.js';
import { startMock } from '../src/index.js';

const run = promisify(execFile);
const CLI = new URL('../dist/src/cli/main.js', import.meta.url).pathname;

const results: SuiteResult[] = [
  {
    name: 'snag',
    vendor: 'snag',
    file: 'contracts/snag.yaml',
    target: { kind: 'mock', baseUrl: 'http://127.0.0.1:1/snag' },
    durationMs: 1234,
    scenarios: [
      {
        name: 'a <flow> & "more"',
        durationMs: 50,
        steps: [
          { name: 'passes', outcome: 'passed', failures: [], durationMs: 3, status: 200 },
          {
            name: 'fails',
            outcome: 'failed',
            status: 200,
            durationMs: 4,
            request: { method: 'GET', url: 'http://127.0.0.1:1/snag/api?a=1&b=2' },
            failures: [
              { check: 'responseSchema', message: 'listWebsiteUserAttributes 200: response body at data[0].label breaks "type": must be string; actual: <42> \u0001' },
              { check: 'body', message: 'body hasNextPage: expected false, got true' },
            ],
          },
          { name: 'skipped', outcome: 'skipped', reason: 'prefer: real vendors ignore Prefer', failures: [], durationMs: 0 },
        ],
        cleanup: [{ name: 'cleanup: DELETE /api/x', outcome: 'passed', failures: [], durationMs: 1 }],
      },
    ],
  },
  { name: 'looker', vendor: 'looker', file: 'contracts/looker.yaml', target: { kind: 'vendor', baseUrl: '' }, durationMs: 0, scenarios: [], error: 'set LOOKER_BASE_URL' },
];

describe('junit reporter', () => {
  it('writes well-formed XML that parses back with the counts, failures and skips', () => {
    const xml = junitReport(results);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    expect(parsed.testsuites).toMatchObject({ tests: '5', failures: '1', errors: '1', skipped: '1' });
    const [snag, looker] = parsed.testsuites.testsuite;
    expect(snag).toMatchObject({ name: 'snag (mock)', tests: '4', failures: '1', skipped: '1', time: '1.234' });
    const failing = snag.testcase.find((c: any) => c.name === 'fails');
    expect(failing.classname).toBe('snag.a <flow> & "more"');
    expect(failing.failure.type).toBe('responseSchema');
    expect(failing.failure.message).toBe('responseSchema: listWebsiteUserAttributes 200: response body at data[0].label breaks "type": must be string; actual: <42>');
    expect(failing.failure['#text']).toContain('GET http://127.0.0.1:1/snag/api?a=1&b=2');
    expect(failing.failure['#text']).toContain('body: body hasNextPage: expected false, got true');
    expect(snag.testcase.find((c: any) => c.name === 'skipped').skipped.message).toBe('prefer: real vendors ignore Prefer');
    expect(looker.testcase[0].error.message).toBe('set LOOKER_BASE_URL');
  });
});

describe('json and pretty reporters', () => {
  it('writes the summary and every step as JSON', () => {
    const parsed = JSON.parse(jsonReport(results));
    expect(parsed.summary).toEqual({ passed: 2, failed: 1, skipped: 1, total: 4, cleanups: 1, skippedBecause: { prefer: 1 }, errors: 1, ok: false });
    expect(parsed.suites[0].scenarios[0].steps[1].failures).toHaveLength(2);
  });

  it('prints a progress line per scenario and every failure at the end', () => {
    expect(prettyScenarioLine({ name: 'snag' }, results[0]!.scenarios[0]!)).toBe('✘ snag › a <flow> & "more"  2 passed, 1 failed, 1 skipped  50 ms');
    const report = prettyReport(results);
    expect(report).toContain('✘ snag › a <flow> & "more" › fails  (GET http://127.0.0.1:1/snag/api?a=1&b=2)\n    responseSchema: listWebsiteUserAttributes 200');
    expect(report).toContain('✘ looker (vendor) could not run: set LOOKER_BASE_URL');
    expect(report).toContain('skipped: 1 prefer');
    expect(report.trim().split('\n').at(-1)).toMatch(/^FAIL {2}2 passed, 1 failed, 1 skipped, 1 suites could not run of 3 steps and 1 cleanups /);
  });
});

describe('a run against a URL, and an interrupted run', () => {
  const atUrl: SuiteResult = { ...results[0]!, target: { kind: 'url', baseUrl: 'http://127.0.0.1:4711/snag' } };
  const passing: SuiteResult = { ...atUrl, scenarios: [{ name: 's', durationMs: 1, steps: [{ name: 'passes', outcome: 'passed', failures: [], durationMs: 1 }], cleanup: [] }] };

  it('labels a URL target by its URL in every reporter, never as the vendor', () => {
    expect(prettyReport([atUrl]).trim().split('\n').at(-1)).toMatch(/\(snag@http:\/\/127\.0\.0\.1:4711\/snag\)$/);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' }).parse(junitReport([atUrl]));
    expect(xml.testsuites.testsuite[0].name).toBe('snag (http://127.0.0.1:4711/snag)');
    expect(JSON.parse(jsonReport([atUrl])).suites[0].target).toEqual({ kind: 'url', baseUrl: 'http://127.0.0.1:4711/snag' });
    for (const report of [prettyReport([atUrl]), junitReport([atUrl]), jsonReport([atUrl])]) expect(report).not.toMatch(/@vendor|\(vendor\)|"kind": "vendor"/);
  });

  it('never passes an interrupted run: it says so with the counts so far', () => {
    expect(prettyReport([passing]).trim().split('\n').at(-1)).toMatch(/^PASS {2}1 passed/);
    const last = prettyReport([passing], { interrupted: true }).trim().split('\n').at(-1);
    expect(last).toBe('INTERRUPTED  1 passed, 0 failed, 0 skipped so far  (snag@http://127.0.0.1:4711/snag)');
    expect(JSON.parse(jsonReport([passing], { interrupted: true })).summary).toEqual({ passed: 1, failed: 0, skipped: 0, total: 1, cleanups: 0, skippedBecause: {}, errors: 0, interrupted: true, ok: false });
    expect(junitReport([passing], { interrupted: true })).toContain('<testsuites name="attrmock contract (interrupted)"');
  });
});

describe.skipIf(!existsSync(CLI))('attrmock contract (the built CLI)', () => {
  it('exits 0 with a JUnit file CI can read when every step passes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attrmock-contract-'));
    const out = path.join(dir, 'snag.xml');
    const { stdout } = await run(process.execPath, [CLI, 'contract', '--vendor', 'snag', '--reporter', 'junit', '--out', out]);
    expect(stdout).toMatch(/^✔ snag › attribute lifecycle/m);
    const xml = await readFile(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).testsuites.failures).toBe('0');
  });

  it('exits 1 and names the failing step when a suite fails', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attrmock-contract-'));
    const suite = path.join(dir, 'wrong.yaml');
    await writeFile(suite, 'vendor: snag\nname: wrong\nscenarios:\n  - name: s\n    steps:\n      - name: expects the wrong status\n        request: { method: GET, path: /api/website_user_attributes }\n        expect: { status: 201 }\n');
    const failure = await run(process.execPath, [CLI, 'contract', '--suite', suite]).then(() => undefined, (error: { code: number; stdout: string }) => error);
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('✘ wrong › s › expects the wrong status');
    expect(failure?.stdout).toContain('status: expected status 201, got 200');
  });

  it('on Ctrl-C exits 130 and ends with INTERRUPTED and the counts so far, labelled by the URL it ran against', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', latency: { min: 300, max: 300 } });
    const dir = await mkdtemp(path.join(tmpdir(), 'attrmock-contract-'));
    const suite = path.join(dir, 'slow.yaml');
    const read = '{ name: reads, request: { method: GET, path: /api/website_user_attributes }, expect: { status: 200 } }';
    await writeFile(suite, `vendor: snag\nname: slow\nscenarios:\n  - name: first\n    steps: [${read}]\n  - name: second\n    steps: [${read}, ${read}, ${read}]\n`);
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SNAG_')));
    try {
      const child = spawn(process.execPath, [CLI, 'contract', '--suite', suite, '--target', `${mock.url}/{vendor}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let interrupted = false;
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        // Once: a second Ctrl-C quits at once, without a report.
        if (stdout.includes('✔ slow › first') && !interrupted) interrupted = child.kill('SIGINT');
      });
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(130);
      expect(stdout).not.toMatch(/^PASS/m);
      expect(stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^INTERRUPTED {2}[1-3] passed, 0 failed, [1-3] skipped so far {2}\\(slow@${mock.url.replace(/\./g, '\\.')}/snag\\)$`));
    } finally {
      await mock.close();
    }
  });
});
