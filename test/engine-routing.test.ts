import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledOperation } from '../src/engine/compile-operations.js';
import { RouteTable } from '../src/engine/match-route.js';
import { startMock, type RunningMock } from '../src/index.js';
import { http } from './support/http.js';
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
