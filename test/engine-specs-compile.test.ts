import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileOperations } from '../src/engine/compile-operations.js';
import { loadSpec } from '../src/engine/load-spec.js';
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
  });

  it('refuses a vendor name that cannot be a mount point', async () => {
    const options = { specsDir: path.join(packageRoot(), 'specs'), fixturesDir: '', seed: 1 };
    await expect(createEngine({ ...options, vendors: [specOnlyVendor('Snag.v1', 'snag.oas.yaml')] })).rejects.toThrow(/lower-case/);
  });
});
