import { describe, expect, it } from 'vitest';
import type { AnyVendorModule } from '../src/engine/vendor.js';
import type { Handler } from '../src/engine/vendor.js';
import { runContracts } from '../src/contract/run-contracts.js';
import { summarize } from '../src/contract/summarize.js';
import type { StepResult, SuiteResult } from '../src/contract/types.js';
import { snagVendor } from '../src/vendors/snag/snag-vendor.js';

/** Runs the Snag suite against a mock whose Snag vendor is `broken`, answering without its own validation. */
async function runAgainst(broken: AnyVendorModule): Promise<SuiteResult> {
  const [result] = await runContracts({ vendors: ['snag'], mockOptions: { vendors: [broken], responseValidation: 'log' } });
  return result!;
}

function failed(result: SuiteResult): Array<{ scenario: string; step: StepResult }> {
  return result.scenarios.flatMap((scenario) => scenario.steps.filter((s) => s.outcome === 'failed').map((step) => ({ scenario: scenario.name, step })));
}

const withHandler = (operationId: string, handler: Handler<any, any>): AnyVendorModule => ({ ...snagVendor, handlers: { ...snagVendor.handlers, [operationId]: handler } });

describe('the Snag suite against a deliberately broken mock', () => {
  it('fails on a wrong field type, naming the operation, JSON path, keyword, expected and actual', async () => {
    const original = snagVendor.handlers.listWebsiteUserAttributes!;
    const broken = withHandler('listWebsiteUserAttributes', (ctx) => {
      const response = original(ctx);
      const body = response.body as { data: Array<Record<string, unknown>> };
      return { ...response, body: { ...body, data: body.data.map((item) => ({ ...item, label: 42 })) } };
    });
    const result = await runAgainst(broken);
    expect(summarize([result]).ok).toBe(false);
    const messages = failed(result).flatMap(({ step }) => step.failures.map((f) => `${f.check}: ${f.message}`));
    expect(messages).toContain('responseSchema: listWebsiteUserAttributes 200: response body at data[0].label breaks "type": must be string (expected string); actual: 42');
  });

  it('fails on an error body missing its message field', async () => {
    const broken: AnyVendorModule = {
      ...snagVendor,
      formatError: (detail, op) => {
        const response = snagVendor.formatError(detail, op);
        return response.status === 400 ? { ...response, body: { error: 'bad' } } : response;
      },
    };
    const result = await runAgainst(broken);
    const limitStep = result.scenarios.find((s) => s.name === 'list attributes errors')!.steps.find((s) => s.name === 'rejects a limit over 100 with 400')!;
    expect(limitStep.outcome).toBe('failed');
    expect(limitStep.failures).toEqual([
      { check: 'body', message: 'body message: expected {"type":"string"}, but it is absent' },
      { check: 'responseSchema', message: 'listWebsiteUserAttributes 400: response body at message breaks "required": is required; actual: absent' },
    ]);
  });

  it('fails on a lost write: the create answers 200 but the list does not have it', async () => {
    const original = snagVendor.handlers.createWebsiteUserAttributes!;
    // Runs the real handler on a throw-away copy of the state, so the answer is right and nothing is stored.
    const broken = withHandler('createWebsiteUserAttributes', (ctx) => original({ ...ctx, state: snagVendor.importState(snagVendor.exportState(ctx.state)) }));
    const result = await runAgainst(broken);
    const lifecycle = result.scenarios.find((s) => s.name.startsWith('attribute lifecycle'))!;
    expect(lifecycle.steps.map((s) => s.outcome)).toEqual(['passed', 'failed', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    const [failure] = lifecycle.steps[1]!.failures;
    expect(failure!.check).toBe('body');
    expect(failure!.message).toMatch(/^body data: expected it to contain \{"id":"[0-9a-f-]{36}","label":"contract-[0-9a-f]{8}"\}, got \[\{"id":"123e4567-e89b-12d3-a456-426614174004"/);
  });

  it('passes again with the real vendor', async () => {
    expect(summarize([await runAgainst(snagVendor)]).ok).toBe(true);
  });
});
