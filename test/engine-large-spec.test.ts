import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { specOnlyVendor } from '../src/vendors/spec-only-vendor.js';
import { FULL_LOOKER_SPEC_FILE, unpackFullLookerSpec } from './reference/full-looker-spec.js';
import { http } from './support/http.js';

// The complete Looker 4.0 spec (~2 MB), served from the spec alone.
const specsDir = mkdtempSync(path.join(os.tmpdir(), 'attrmock-full-looker-'));
unpackFullLookerSpec(specsDir);
afterAll(() => rmSync(specsDir, { recursive: true, force: true }));

describe('the complete Looker 4.0 spec, served from its spec', () => {
  let mock: RunningMock;
  let startupMs: number;
  beforeAll(async () => {
    const started = performance.now();
    mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', specsDir, vendors: [specOnlyVendor('lookerfull', FULL_LOOKER_SPEC_FILE)] });
    startupMs = performance.now() - started;
  });
  afterAll(() => mock?.close());

  it('compiles every operation at start-up', () => {
    const operations = mock.engine.operations('lookerfull');
    expect(operations.length).toBeGreaterThan(400);
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length);
    // A generous bound for a shared CI machine; the benchmark measures the real figure.
    expect(startupMs).toBeLessThan(20_000);
  });

  it.each([
    ['/user_attributes', 'array'],
    ['/users/42', 'object'],
    ['/groups/7', 'object'],
    ['/dashboards/search', 'array'],
    ['/versions', 'object'],
  ])('answers GET %s with a body that validates against the spec', async (route, shape) => {
    const res = await http(`${mock.url}/lookerfull${route}`);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body) ? 'array' : typeof res.body).toBe(shape);
  });

  it('routes a literal segment before a parameter (/users/search is not /users/{user_id})', async () => {
    const me = mock.engine.runtime('lookerfull').routes.match('GET', '/users/search');
    expect(me.kind === 'found' && me.entry.op.operationId).toBe('search_users');
  });

  it('answers a fault rule with the body the spec documents for its status', async () => {
    const rule = { vendor: 'lookerfull', operationId: 'user', status: 404, times: 1 };
    const added = await http(`${mock.url}/__admin/faults`, { method: 'POST', json: rule });
    expect(added.status).toBe(201);
    const res = await http(`${mock.url}/lookerfull/users/1`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: expect.any(String), documentation_url: expect.any(String) });
  });

  it('validates requests against the large spec too', async () => {
    const res = await http(`${mock.url}/lookerfull/user_attributes`, { method: 'POST', json: { name: 42 } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
