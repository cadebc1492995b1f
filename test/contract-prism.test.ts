import { describe, expect, it } from 'vitest';
import { runContracts } from '../src/contract/run-contracts.js';
import { summarize } from '../src/contract/summarize.js';

// The independent cross-check: Prism (@stoplight/prism-cli) mocks the same specs/ and knows nothing of attrmock's
// code, so the spec-level half of every suite (status and schema) passing there shows the suites test the specs.
describe('the contract suites against Prism mocking the same specs', () => {
  it('pass every spec-level step, skip only steps tagged state or vendor-rule (or needing their captures), and stop Prism', async () => {
    const results = await runContracts({ target: 'prism' });
    expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    const failures = results.flatMap((suite) => suite.scenarios.flatMap((s) => s.steps.filter((step) => step.outcome === 'failed').map((step) => `${suite.name} › ${s.name} › ${step.name}: ${JSON.stringify(step.failures)}`)));
    expect(failures).toEqual([]);
    const summary = summarize(results);
    expect(summary.ok).toBe(true);
    // Every step of every suite is accounted for (Prism keeps no state, so no cleanup runs), each skip by its reason.
    const { loadSuites } = await import('../src/contract/load-suite.js');
    const planned = (await loadSuites('contracts')).reduce((n, suite) => n + suite.scenarios.reduce((m, s) => m + s.steps.length, 0), 0);
    expect(summary).toMatchObject({ total: planned, cleanups: 0 });
    expect(summary.passed + summary.failed + summary.skipped).toBe(planned);
    expect(Object.values(summary.skippedBecause).reduce((a, b) => a + b, 0)).toBe(summary.skipped);
    for (const suite of results) {
      const steps = suite.scenarios.flatMap((s) => s.steps);
      const passed = steps.filter((s) => s.outcome === 'passed').length;
      expect(passed, `${suite.name} spec-level steps passed on Prism`).toBeGreaterThan(steps.length / 2);
      for (const step of steps.filter((s) => s.outcome === 'skipped')) {
        expect(step.reason, step.name).toMatch(/^(state|vendor-rule): |^needs \w+: (step|Prism's answer)/);
      }
      expect(suite.scenarios.flatMap((s) => s.cleanup)).toEqual([]);
      await expect(fetch(suite.target.baseUrl, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  }, 120_000);
});
