import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interpolate, type Variables } from '../src/contract/interpolate.js';
import { matchExpectation } from '../src/contract/match-expectation.js';
import { matchValue } from '../src/contract/match-value.js';
import { readPath } from '../src/contract/read-path.js';
import { runScenario } from '../src/contract/run-scenario.js';
import type { Scenario } from '../src/contract/types.js';

const vars = (values: Record<string, unknown>, unavailable: Record<string, string> = {}): Variables => ({
  values: new Map(Object.entries(values)),
  unavailable: new Map(Object.entries(unavailable)),
});

describe('readPath', () => {
  const body = { data: [{ id: 'a', tags: ['x'] }, { id: 'b' }], 'dotted.key': 1 };

  it('reads dotted paths, indexes from either end, lengths and the whole body', () => {
    expect(readPath(body, 'data[0].id')).toEqual({ found: true, value: 'a' });
    expect(readPath(body, 'data[-1].id')).toEqual({ found: true, value: 'b' });
    expect(readPath(body, 'data.length')).toEqual({ found: true, value: 2 });
    expect(readPath(body, '$')).toEqual({ found: true, value: body });
    expect(readPath(body, '["dotted.key"]')).toEqual({ found: true, value: 1 });
    expect(readPath([{ id: 'z' }], '[0].id')).toEqual({ found: true, value: 'z' });
  });

  it('says absent for a missing key, an index out of range, and no body at all', () => {
    expect(readPath(body, 'data[5].id')).toEqual({ found: false });
    expect(readPath(body, 'data[0].nope')).toEqual({ found: false });
    expect(readPath(undefined, '$')).toEqual({ found: false });
  });
});

describe('interpolate', () => {
  it('keeps the type of a whole-string reference and stringifies embedded ones', () => {
    const result = interpolate({ limit: '${n}', path: '/a/${id}?n=${n}', list: ['${id}'] }, vars({ n: 5, id: 'x1' }));
    expect(result).toEqual({ ok: true, value: { limit: 5, path: '/a/x1?n=5', list: ['x1'] } });
  });

  it('reports an unavailable variable with its reason, and an unknown one as a suite error', () => {
    expect(interpolate('${userId}', vars({}, { userId: 'set SNAG_USER_ID' }))).toMatchObject({ ok: false, kind: 'unavailable', reason: 'set SNAG_USER_ID' });
    expect(interpolate('/x/${typo}', vars({}))).toMatchObject({ ok: false, kind: 'unknown', name: 'typo' });
  });

  it('makes a fresh uuid for ${$uuid}', () => {
    const result = interpolate(['${$uuid}', '${$uuid}'], vars({}));
    expect(result.ok && result.value[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.ok && result.value[0] !== result.value[1]).toBe(true);
  });
});

describe('matchValue', () => {
  it('compares literals deeply and names what it got', () => {
    expect(matchValue(true, { a: [1] }, { a: [1] })).toEqual([]);
    expect(matchValue(true, 'Tier', 'Plan')).toEqual(['expected "Plan", got "Tier"']);
    expect(matchValue(false, undefined, null)).toEqual(['expected null, but it is absent']);
  });

  it('applies operators: type, matches, length, contains, notContains, subset, oneOf, exists', () => {
    expect(matchValue(true, 5, { type: 'string' })).toEqual(['expected type string, got integer 5']);
    expect(matchValue(true, 'abc', { matches: '^a' })).toEqual([]);
    expect(matchValue(true, [1, 2], { length: 3 })).toEqual(['expected length 3, got 2']);
    expect(matchValue(true, [{ id: 1, x: 2 }], { contains: { id: 1 } })).toEqual([]);
    expect(matchValue(true, [{ id: 1 }], { notContains: { id: 1 } })).toHaveLength(1);
    expect(matchValue(true, { a: 1, b: { c: 2, d: 3 } }, { subset: { b: { c: 2 } } })).toEqual([]);
    expect(matchValue(true, 'bearer', { oneOf: ['Bearer', 'bearer'] })).toEqual([]);
    expect(matchValue(false, undefined, { exists: false })).toEqual([]);
    expect(matchValue(true, 1, { exists: false })).toEqual(['expected it to be absent, got 1']);
  });
});

describe('matchExpectation', () => {
  const response = { status: 200, headers: new Headers({ 'retry-after': '3' }), body: { data: [{ label: 'Tier' }] } };

  it('stops at a wrong status and shows the body that came with it', () => {
    const failures = matchExpectation({ status: 201, body: { x: 1 } }, response);
    expect(failures).toEqual([{ check: 'status', message: 'expected status 201, got 200 (body: {"data":[{"label":"Tier"}]})' }]);
  });

  it('names the body path and the header of each mismatch', () => {
    const failures = matchExpectation({ status: [200, 204], body: { 'data[0].label': 'Plan' }, headers: { 'Retry-After': { matches: '^\\d+$' }, etag: { exists: true } } }, response);
    expect(failures).toEqual([
      { check: 'body', message: 'body data[0].label: expected "Plan", got "Tier"' },
      { check: 'header', message: 'header etag: expected it to be present, but it is absent' },
    ]);
  });

  it('checks only the status in the status scope (Prism)', () => {
    expect(matchExpectation({ status: 200, body: { 'data[0].label': 'Plan' } }, response, 'status')).toEqual([]);
  });
});

describe('runScenario', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];
  const items = new Map<string, string>();
  let onPost: (() => void) | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const id = req.url?.split('/')[2];
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST') {
        onPost?.();
        items.set('i1', 'new');
        res.end(JSON.stringify({ id: 'i1' }));
      } else if (req.method === 'DELETE' && id && items.delete(id)) res.end('{}');
      else if (req.method === 'GET' && id && items.has(id)) res.end(JSON.stringify({ id, x: req.headers['x-key'] }));
      else {
        res.statusCode = 404;
        res.end('{"message":"Not found"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const context = (overrides = {}) => ({
    kind: 'mock' as const,
    baseUrl: base,
    authHeaders: { 'x-key': 'secret' },
    readOnly: false,
    checkSchema: () => ({ failures: [] }),
    variables: vars({}),
    ...overrides,
  });
  const create = { name: 'create', request: { method: 'POST', path: '/items' }, expect: { status: 200 }, capture: { itemId: 'id' }, cleanup: { method: 'DELETE', path: '/items/${itemId}' } };

  it('captures a value for later steps and adds the target credentials', async () => {
    const scenario: Scenario = { name: 's', steps: [create, { name: 'read', request: { method: 'GET', path: '/items/${itemId}' }, expect: { status: 200, body: { id: 'i1', x: 'secret' } } }] };
    const result = await runScenario(scenario, context());
    expect(result.steps.map((s) => s.outcome)).toEqual(['passed', 'passed']);
  });

  it('deletes what it created when a later step fails, and skips the rest', async () => {
    seen.length = 0;
    const scenario: Scenario = {
      name: 's',
      steps: [create, { name: 'wrong', request: { method: 'GET', path: '/items/${itemId}' }, expect: { status: 201 } }, { name: 'never', request: { method: 'GET', path: '/x' }, expect: { status: 200 } }],
    };
    const result = await runScenario(scenario, context());
    expect(result.steps.map((s) => s.outcome)).toEqual(['passed', 'failed', 'skipped']);
    expect(result.steps[2]!.reason).toBe('an earlier step failed ("wrong")');
    expect(result.cleanup).toMatchObject([{ name: 'cleanup: DELETE /items/i1', outcome: 'passed' }]);
    expect(items.size).toBe(0);
  });

  it('sends no undo when the flow deleted the item itself', async () => {
    seen.length = 0;
    const scenario: Scenario = { name: 's', steps: [create, { name: 'delete', request: { method: 'DELETE', path: '/items/${itemId}' }, expect: { status: 200 } }] };
    const result = await runScenario(scenario, context());
    expect(result.cleanup).toEqual([]);
    expect(seen).toEqual(['POST /items', 'DELETE /items/i1']);
  });

  it('skips mutating steps when read-only, and the steps that need their captures', async () => {
    seen.length = 0;
    const scenario: Scenario = { name: 's', steps: [create, { name: 'read', request: { method: 'GET', path: '/items/${itemId}' }, expect: { status: 200 } }] };
    const result = await runScenario(scenario, context({ readOnly: true }));
    expect(result.steps.map((s) => [s.outcome, s.reason])).toEqual([
      ['skipped', 'read-only: a mutating step'],
      ['skipped', 'needs itemId: step "create" was skipped (read-only: a mutating step)'],
    ]);
    expect(seen).toEqual([]);
  });

  it('skips steps tagged for what a target cannot do', async () => {
    const tagged: Scenario = { name: 's', steps: [{ name: 'forced', tags: ['prefer'], request: { method: 'GET', path: '/x' }, expect: { status: 429 } }] };
    const result = await runScenario(tagged, context({ kind: 'vendor' }));
    expect(result.steps[0]).toMatchObject({ outcome: 'skipped', reason: 'prefer: asks for a status with Prefer, which real vendors ignore' });
  });

  it('spares a URL target what it spares a real vendor, since the URL may be one', async () => {
    const tagged: Scenario = { name: 's', steps: [{ name: 'forced', tags: ['prefer'], request: { method: 'GET', path: '/x' }, expect: { status: 429 } }] };
    const result = await runScenario(tagged, context({ kind: 'url' }));
    expect(result.steps[0]).toMatchObject({ outcome: 'skipped', reason: 'prefer: asks for a status with Prefer, which real vendors ignore' });
  });

  it('stops after the current step when interrupted, and still deletes what it created', async () => {
    const controller = new AbortController();
    onPost = () => controller.abort();
    const scenario: Scenario = { name: 's', steps: [create, { name: 'read', request: { method: 'GET', path: '/items/${itemId}' }, expect: { status: 200 } }] };
    const result = await runScenario(scenario, { ...context(), signal: controller.signal });
    onPost = undefined;
    expect(result.steps.map((s) => [s.outcome, s.reason])).toEqual([['passed', undefined], ['skipped', 'interrupted']]);
    expect(result.cleanup).toMatchObject([{ name: 'cleanup: DELETE /items/i1', outcome: 'passed' }]);
    expect(items.size).toBe(0);
  });

  it('fails a capture that finds nothing, naming the path', async () => {
    const scenario: Scenario = { name: 's', steps: [{ ...create, capture: { itemId: 'data[0].id' }, cleanup: undefined }] };
    const result = await runScenario(scenario, context());
    expect(result.steps[0]!.failures).toEqual([{ check: 'capture', message: 'capture itemId: nothing at data[0].id' }]);
  });
});
