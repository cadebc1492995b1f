import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { compileOperations } from '../src/engine/compile-operations.js';
import { loadSpec } from '../src/engine/load-spec.js';
import { warmValidators } from '../src/engine/warm-validators.js';
import { createEngine } from '../src/engine/create-engine.js';
import { packageRoot } from '../src/package-root.js';
import { vendorRegistry } from '../src/vendors/registry.js';
import { specOnlyVendor } from '../src/vendors/spec-only-vendor.js';

// Validators compile lazily (and in the background after start-up), so a schema Ajv refuses would only show
// on first use. Compiling every operation of every bundled spec here makes such a spec fail CI instead.
describe('the bundled specs', () => {
  it.each(vendorRegistry.map((v) => [v.name, v.specFile]))('%s: every operation compiles all its validators', async (vendor, file) => {
    const spec = compileOperations(vendor, await loadSpec(path.join(packageRoot(), 'specs', file)));
    expect(spec.operations.length).toBeGreaterThan(0);
    for (const entry of spec.operations) {
      expect(() => [entry.paramValidators, entry.bodyValidator, entry.responseValidators], entry.op.operationId).not.toThrow();
      expect(entry.responseValidators.size, `${entry.op.operationId} validates its responses`).toBeGreaterThan(0);
    }
    expect(spec.compiler.checkSchemas()).toEqual([]);
  });

  it('reports a schema the meta-schema rejects, which Ajv would compile without a word', async () => {
    const document = await loadSpec(path.join(packageRoot(), 'specs', 'snag.oas.yaml'));
    const broken = structuredClone(document) as any;
    broken.components.schemas.Broken = { type: 'number', multipleOf: 0 };
    broken.paths['/api/website_user_attributes'].post.requestBody.content['application/json'].schema = { type: 'object', properties: { data: { type: 'array', minItems: 1.5 } } };
    const spec = compileOperations('snag', broken);
    for (const entry of spec.operations) void entry.paramValidators;
    expect(spec.compiler.checkSchemas()).toEqual([
      expect.stringMatching(/^#\/components\/schemas\/Broken: schema\/multipleOf must be > 0/),
      expect.stringMatching(/^createWebsiteUserAttributes request body: schema\/properties\/data\/minItems must be integer/),
    ]);
    expect(spec.compiler.checkSchemas()).toEqual([]);
  });

  it('reports those problems from the background warm-up, after compiling every operation', async () => {
    const broken = structuredClone(await loadSpec(path.join(packageRoot(), 'specs', 'snag.oas.yaml'))) as any;
    broken.paths['/api/website_user_attributes'].post.requestBody.content['application/json'].schema = { type: 'object', required: ['data', 'data'] };
    const spec = compileOperations('snag', broken);
    const problems: string[] = [];
    warmValidators([spec], (vendor, problem) => problems.push(`${vendor} ${problem}`));
    await vi.waitFor(() => expect(problems).toEqual([expect.stringMatching(/^snag createWebsiteUserAttributes request body: schema\/required must NOT have duplicate items.*\(not a valid JSON Schema\)$/)]), { timeout: 3_000 });
  });

  it('refuses a vendor name that cannot be a mount point', async () => {
    const options = { specsDir: path.join(packageRoot(), 'specs'), fixturesDir: '', seed: 1 };
    await expect(createEngine({ ...options, vendors: [specOnlyVendor('Snag.v1', 'snag.oas.yaml')] })).rejects.toThrow(/lower-case/);
  });
});
