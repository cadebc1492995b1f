import { execFile } from 'node:child_process';
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
    expect(parsed.summary).toEqual({ passed: 2, failed: 1, skipped: 1, errors: 1, ok: false });
    expect(parsed.suites[0].scenarios[0].steps[1].failures).toHaveLength(2);
  });

  it('prints a progress line per scenario and every failure at the end', () => {
    expect(prettyScenarioLine({ name: 'snag' }, results[0]!.scenarios[0]!)).toBe('✘ snag › a <flow> & "more"  2 passed, 1 failed, 1 skipped  50 ms');
    const report = prettyReport(results);
    expect(report).toContain('✘ snag › a <flow> & "more" › fails  (GET http://127.0.0.1:1/snag/api?a=1&b=2)\n    responseSchema: listWebsiteUserAttributes 200');
    expect(report).toContain('✘ looker (vendor ) could not run: set LOOKER_BASE_URL');
    expect(report.trim().split('\n').at(-1)).toMatch(/^FAIL {2}2 passed, 1 failed, 1 skipped, 1 suites could not run/);
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
});
