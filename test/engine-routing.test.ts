import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOperations } from '../src/engine/compile-operations.js';
import type { CompiledOperation } from '../src/engine/compile-operations.js';
import { loadSpec } from '../src/engine/load-spec.js';
import { RouteTable } from '../src/engine/match-route.js';
import { packageRoot } from '../src/package-root.js';
import { startMock, type RunningMock } from '../src/index.js';
import { http } from './support/http.js';
import { unpackFullLookerSpec } from './reference/full-looker-spec.js';
import { SNAG } from './support/snag-world.js';

const table = (...routes: Array<[string, string]>) =>
  new RouteTable(routes.map(([method, pathTemplate]) => ({ op: { method, pathTemplate, operationId: `${method} ${pathTemplate}` } }) as unknown as CompiledOperation));
const matched = (routes: RouteTable, method: string, path: string) => {
  const found = routes.match(method, path);
  return found.kind === 'found' ? { op: found.entry.op.operationId, params: found.rawParams } : found;
};

describe('routing: the path decides, then the method', () => {
  const routes = table(['GET', '/items/{id}'], ['DELETE', '/items/{id}'], ['GET', '/items/values'], ['POST', '/items/values'], ['GET', '/items/{id}/parts/{part}']);

  it('takes a concrete path before a templated one, and templated parameters as they come', () => {
    expect(matched(routes, 'GET', '/items/values')).toEqual({ op: 'GET /items/values', params: {} });
    expect(matched(routes, 'GET', '/items/42')).toEqual({ op: 'GET /items/{id}', params: { id: '42' } });
    expect(matched(routes, 'GET', '/items/42/parts/7/')).toEqual({ op: 'GET /items/{id}/parts/{part}', params: { id: '42', part: '7' } });
  });

  it('answers 405 with the methods of the path that matched, never falling through to a template', () => {
    expect(matched(routes, 'DELETE', '/items/values')).toEqual({ kind: 'method_not_allowed', allowed: ['GET', 'POST', 'HEAD'] });
    expect(matched(routes, 'PUT', '/items/42')).toEqual({ kind: 'method_not_allowed', allowed: ['GET', 'DELETE', 'HEAD'] });
    expect(matched(routes, 'GET', '/items')).toEqual({ kind: 'not_found' });
    expect(matched(routes, 'GET', '/items/42/parts')).toEqual({ kind: 'not_found' });
  });

  it('reads a percent-encoded unreserved character as itself, and leaves other escapes to the parameter', () => {
    expect(matched(routes, 'GET', '/items/val%75es')).toEqual({ op: 'GET /items/values', params: {} });
    expect(matched(routes, 'GET', '/items/a%2Fb')).toEqual({ op: 'GET /items/{id}', params: { id: 'a%2Fb' } });
    expect(matched(routes, 'GET', '/items/%34%32')).toEqual({ op: 'GET /items/{id}', params: { id: '42' } });
  });

  it('serves HEAD from GET unless the spec documents a HEAD of its own', () => {
    expect(matched(routes, 'HEAD', '/items/42')).toEqual({ op: 'GET /items/{id}', params: { id: '42' } });
    const withHead = table(['GET', '/things'], ['HEAD', '/things']);
    expect(matched(withHead, 'HEAD', '/things')).toMatchObject({ op: 'HEAD /things' });
    expect(matched(table(['POST', '/things']), 'HEAD', '/things')).toEqual({ kind: 'method_not_allowed', allowed: ['POST'] });
  });
});

describe('routing over HTTP (Snag: /values beside /{id})', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent', responseValidation: 'fail' });
  });
  afterAll(() => mock.close());
  const send = (method: string, path: string) => http(`${mock.url}/snag${path}`, { method, headers: { 'x-api-key': SNAG.key } });

  it('does not delete an attribute called "values", and names only the methods /values has', async () => {
    const removed = await send('DELETE', '/api/website_user_attributes/values');
    expect(removed.status).toBe(405);
    expect(removed.body.message).toMatch(/allowed: GET, POST, HEAD$/);
    expect(removed.headers.get('allow')).toBe('GET, POST, HEAD');
    const replaced = await send('PUT', '/api/website_user_attributes/values');
    expect(replaced.status).toBe(405);
    expect(replaced.body.message).toMatch(/allowed: GET, POST, HEAD$/);
  });

  it('answers HEAD like GET, headers and status, without a body', async () => {
    const get = await send('GET', '/api/website_user_attributes');
    const head = await fetch(`${mock.url}/snag/api/website_user_attributes`, { method: 'HEAD', headers: { 'x-api-key': SNAG.key } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
  });
});

describe('routing: a literal segment beats a templated one in every bundled spec and the full Looker spec', () => {
  const bundled = ['snag.oas.yaml', 'lightdash.oas.yaml', 'looker.oas.yaml'];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attrmock-routing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([...bundled, 'full Looker 4.0'])('routes every path with a literal segment of %s to itself', async (file) => {
    const spec = compileOperations('walk', await loadSpec(file === 'full Looker 4.0' ? unpackFullLookerSpec(dir) : path.join(packageRoot(), 'specs', file)));
    const routes = new RouteTable(spec.operations);
    const withLiteral = spec.operations.filter(({ op }) => op.pathTemplate.split('/').some((s) => s !== '' && !s.includes('{')));
    expect(withLiteral.length).toBeGreaterThan(0);
    // Every parameter takes a value no literal segment has, so only the rule can pick the template.
    const misrouted = withLiteral.flatMap(({ op }) => {
      const found = routes.match(op.method, op.pathTemplate.replace(/\{[^}]+\}/g, 'p-42'));
      return found.kind === 'found' && found.entry.op.operationId === op.operationId ? [] : [`${op.method} ${op.pathTemplate}`];
    });
    expect(misrouted).toEqual([]);
  });

  it('sends GET /users/search and /users/search/names/x to the searches, not to /users/{user_id}', async () => {
    const routes = new RouteTable(compileOperations('walk', await loadSpec(unpackFullLookerSpec(dir))).operations);
    const operationOf = (p: string) => {
      const found = routes.match('GET', p);
      return found.kind === 'found' ? found.entry.op.operationId : found.kind;
    };
    expect(operationOf('/users/search')).toBe('search_users');
    expect(operationOf('/users/search/names/%25foo')).toBe('search_users_names');
    expect(operationOf('/users/42')).toBe('user');
    expect(operationOf('/groups/search')).toBe('search_groups');
  });
});
