import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationsTable, withTable } from '../scripts/operations-table.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe("the README's operations table", () => {
  it('is what the specs and the vendors\' handler tables say today (else run npm run docs:operations)', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const table = await operationsTable(ROOT);
    expect(readme, 'README.md is out of date: run npm run docs:operations').toBe(withTable(readme, table));
    expect(table).toMatch(/\| snag \| POST \| `\/snag\/api\/website_user_attributes\/values` \| `createWebsiteUserAttributeValues` \| modelled \|/);
  });

  it('marks an operation without a handler as spec-only', async () => {
    const { vendorRegistry } = await import('../src/vendors/registry.js');
    const snag = vendorRegistry.find((vendor) => vendor.name === 'snag')!;
    const handler = snag.handlers.listWebsiteUserAttributes;
    delete snag.handlers.listWebsiteUserAttributes;
    try {
      expect(await operationsTable(ROOT)).toContain('| `listWebsiteUserAttributes` | spec-only |');
    } finally {
      snag.handlers.listWebsiteUserAttributes = handler!;
    }
  });
});
