import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runContracts } from '../src/contract/run-contracts.js';
import { summarize } from '../src/contract/summarize.js';
import type { SuiteResult } from '../src/contract/types.js';

const VENDORS = ['snag', 'lightdash', 'looker'];
let results: SuiteResult[];

beforeAll(async () => {
  results = await runContracts();
});

describe('the contract suites against the mock', () => {
  it('pass every step of every suite, with nothing skipped', () => {
    const failures = results.flatMap((suite) =>
      suite.scenarios.flatMap((scenario) => [...scenario.steps, ...scenario.cleanup].filter((s) => s.outcome !== 'passed').map((s) => `${suite.name} › ${scenario.name} › ${s.name}: ${s.reason ?? JSON.stringify(s.failures)}`)),
    );
    expect(failures).toEqual([]);
    expect(summarize(results)).toMatchObject({ ok: true, failed: 0, skipped: 0, errors: 0 });
    expect(results.map((r) => r.vendor).sort()).toEqual([...VENDORS].sort());
  });

  it.each(VENDORS)('cover every %s operation with each of its documented statuses', async (vendor) => {
    const spec = parseYaml(await readFile(new URL(`../specs/${vendor}.oas.yaml`, import.meta.url), 'utf8')) as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };
    const seen = new Map<string, Set<number>>();
    for (const scenario of results.find((r) => r.vendor === vendor)!.scenarios) {
      for (const step of scenario.steps) {
        if (step.operationId && step.status !== undefined) seen.set(step.operationId, (seen.get(step.operationId) ?? new Set()).add(step.status));
      }
    }
    const missing: string[] = [];
    for (const pathItem of Object.values(spec.paths)) {
      for (const [method, op] of Object.entries(pathItem)) {
        if (method === 'parameters') continue;
        const statuses = Object.keys(op.responses).filter((key) => /^\d{3}$/.test(key)).map(Number);
        for (const status of statuses) if (!seen.get(op.operationId)?.has(status)) missing.push(`${op.operationId} ${status}`);
        if (!seen.has(op.operationId)) missing.push(`${op.operationId} (never called)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('leave the mock as they found it: every created item was deleted by the flow or the cleanup', () => {
    const cleanups = results.flatMap((suite) => suite.scenarios.flatMap((scenario) => scenario.cleanup));
    expect(cleanups.every((c) => c.outcome === 'passed')).toBe(true);
  });
});

describe('a suite against a real vendor without credentials', () => {
  it('does not run, and says which environment variables to set', async () => {
    const [lightdash] = await runContracts({ target: 'vendor', vendors: ['lightdash'], env: {} });
    expect(lightdash!.error).toBe('set LIGHTDASH_URL, LIGHTDASH_TOKEN to run the lightdash suites against the real vendor');
    const [snag] = await runContracts({ target: 'vendor', vendors: ['snag'], env: {} });
    expect(snag!.error).toBe('set SNAG_API_KEY to run against the real vendor');
    expect(summarize([lightdash!, snag!]).ok).toBe(false);
  });
});

describe('a suite pointed at a URL, as at a real vendor', () => {
  it('runs with credentials from the environment, skipping Prefer and fixture steps and the value steps without SNAG_USER_ID', async () => {
    const { startMock } = await import('../src/index.js');
    const mock = await startMock({ port: 0, logLevel: 'silent', responseValidation: 'fail' });
    try {
      const [snag] = await runContracts({ target: `${mock.url}/{vendor}`, vendors: ['snag'], env: { SNAG_API_KEY: 'snag-dev-key' } });
      expect(snag!.target).toEqual({ kind: 'url', baseUrl: `${mock.url}/snag` });
      const steps = snag!.scenarios.flatMap((s) => s.steps);
      expect(summarize([snag!])).toMatchObject({ ok: true, failed: 0 });
      expect(steps.find((s) => s.name === 'sets a user\'s value and answers the value records')).toMatchObject({ outcome: 'skipped', reason: 'needs userId: set SNAG_USER_ID to run this step against the real vendor' });
      expect(steps.filter((s) => s.reason?.startsWith('prefer:')).length).toBeGreaterThan(5);
      expect(steps.filter((s) => s.outcome === 'passed').length).toBeGreaterThan(20);
      const after = await fetch(`${mock.url}/snag/api/website_user_attributes?limit=100`, { headers: { 'x-api-key': 'snag-dev-key' } });
      expect(((await after.json()) as { data: unknown[] }).data).toHaveLength(2);
    } finally {
      await mock.close();
    }
  });

  it('with --read-only sends no mutating request at all (logging in and out of its own session aside)', async () => {
    const { startMock } = await import('../src/index.js');
    const mock = await startMock({ port: 0, logLevel: 'silent', responseValidation: 'fail' });
    try {
      const [looker] = await runContracts({ target: `${mock.url}/{vendor}`, vendors: ['looker'], readOnly: true, env: {} });
      const steps = looker!.scenarios.flatMap((s) => [...s.steps, ...s.cleanup]);
      expect(summarize([looker!]).ok).toBe(true);
      const writes = steps.filter((s) => s.request && s.request.method !== 'GET').map((s) => `${s.request!.method} ${new URL(s.request!.url).pathname}`);
      expect(new Set(writes)).toEqual(new Set(['POST /looker/api/4.0/login', 'DELETE /looker/api/4.0/logout']));
      expect(steps.filter((s) => s.outcome === 'passed').length).toBeGreaterThan(15);
    } finally {
      await mock.close();
    }
  });
});
