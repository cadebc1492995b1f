import { readFileSync } from 'node:fs';
import { Faker, en } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isMockError, type ErrorDetail } from '../src/engine/errors.js';
import type { MockRequest, Operation } from '../src/engine/types.js';
import { lookerVendor, type LookerState } from '../src/vendors/looker/index.js';
import { documentationUrl } from '../src/vendors/looker/format-error.js';
import { parseFields, trimFields } from '../src/vendors/looker/trim-fields.js';

const fixture = parse(readFileSync(new URL('../fixtures/looker.yaml', import.meta.url), 'utf8')) as unknown;

function seededFaker(): Faker {
  const faker = new Faker({ locale: [en] });
  faker.seed(7);
  return faker;
}

function world(): LookerState {
  return lookerVendor.createState(fixture, seededFaker());
}

function op(operationId: string, method: string, pathTemplate: string, statuses: number[] = [200, 400, 404, 422]): Operation {
  return { vendor: 'looker', operationId, method, pathTemplate, parameters: [], responses: [], documentedStatuses: statuses, extensions: {}, security: [{ LookerToken: [] }] };
}

const admin = { userId: '1', token: 'test-token', admin: true };

function call(state: LookerState, operationId: string, input: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown } = {}) {
  const handler = lookerVendor.handlers[operationId];
  if (!handler) throw new Error(`no handler ${operationId}`);
  const req: MockRequest = { method: 'GET', path: '/', query: {}, headers: {} };
  return handler({
    req, op: op(operationId, 'GET', '/'), params: input.params ?? {}, query: input.query ?? {}, body: input.body,
    state, principal: admin, faker: seededFaker(), now: () => new Date('2025-01-01T00:00:00Z'), warn: () => undefined,
  });
}

function errorOf(fn: () => unknown): ErrorDetail {
  try {
    fn();
  } catch (error) {
    if (isMockError(error)) return error.detail;
    throw error;
  }
  throw new Error('expected a MockError');
}

describe('looker fields trimming', () => {
  it('keeps only the named properties of every item, nested ones included', () => {
    const tree = parseFields('id, credentials_email(email),missing');
    const users = [{ id: '1', name: 'a', credentials_email: { email: 'a@x', type: 'email' } }];
    expect(trimFields(users, tree)).toEqual([{ id: '1', credentials_email: { email: 'a@x' } }]);
  });

  it('leaves the body alone when fields is blank', () => {
    expect(parseFields('  ')).toBeUndefined();
    expect(trimFields({ a: 1 }, undefined)).toEqual({ a: 1 });
  });
});

describe('looker seeded world', () => {
  it('is the same for the same seed and round-trips through export and import', () => {
    const a = lookerVendor.exportState(world());
    expect(lookerVendor.exportState(world())).toEqual(a);
    expect(lookerVendor.exportState(lookerVendor.importState(a))).toEqual(a);
  });

  it('refuses a snapshot whose values point at unknown users', () => {
    const snapshot = lookerVendor.exportState(world()) as Record<string, unknown>;
    const broken = { ...snapshot, userValues: [['3', '999', 'x']] };
    expect(errorOf(() => lookerVendor.importState(broken)).kind).toBe('validation');
  });

  it('reads the per-token rate from the fixture, off by default', () => {
    expect(world().settings).toEqual({ tokenTtlSeconds: 3600, requestsPerSecond: null, adminRoleIds: ['2'] });
    const limited = { ...(fixture as Record<string, unknown>), settings: { tokenTtlSeconds: 60, rateLimit: { requestsPerSecond: 5 } } };
    expect(lookerVendor.createState(limited, seededFaker()).settings).toEqual({ tokenTtlSeconds: 60, requestsPerSecond: 5, adminRoleIds: ['2'] });
  });

  it('reads the admin roles from the fixture, Looker\'s Admin role (2) by default, and keeps them through a snapshot', () => {
    const custom = { ...(fixture as Record<string, unknown>), settings: { adminRoleIds: ['3', 7] } };
    const state = lookerVendor.createState(custom, seededFaker());
    expect(state.settings.adminRoleIds).toEqual(['3', '7']);
    expect(lookerVendor.importState(lookerVendor.exportState(state)).settings.adminRoleIds).toEqual(['3', '7']);
    const broken = { ...(fixture as Record<string, unknown>), settings: { adminRoleIds: 'everyone' } };
    expect(errorOf(() => lookerVendor.createState(broken, seededFaker())).kind).toBe('validation');
  });

  it('imports a snapshot without admin roles with the default, and refuses malformed ones', () => {
    const snapshot = lookerVendor.exportState(world()) as { settings: Record<string, unknown> };
    const { adminRoleIds: _dropped, ...older } = snapshot.settings;
    expect(lookerVendor.importState({ ...snapshot, settings: older }).settings.adminRoleIds).toEqual(['2']);
    expect(errorOf(() => lookerVendor.importState({ ...snapshot, settings: { ...older, adminRoleIds: [2] } })).kind).toBe('validation');
  });

  it('gives the API user a faker-free name and everyone else a faker one with an email', () => {
    const state = world();
    expect(state.users.get('1')?.email).toBe('api-admin@example.com');
    expect(state.users.get('2')?.email).toMatch(/@example\.com$/);
    expect(state.groupIdsOf('1')).toEqual(['1', '2']);
  });
});

describe('looker value resolution', () => {
  it('prefers the user value, then groups by rank, then the default, and says which', () => {
    const state = world();
    const values = (userId: string) => call(state, 'user_attribute_user_values', { params: { user_id: userId }, query: { user_attribute_ids: ['3'] } }).body as Array<Record<string, unknown>>;
    expect(values('5')[0]).toMatchObject({ value: 'apac', source: 'user' });
    expect(values('3')[0]).toMatchObject({ value: 'emea', source: 'group', rank: 1 });
    expect(values('1')[0]).toMatchObject({ value: 'global', source: 'default', rank: null });
  });

  it('lists the whole search path with all_values and blank records with include_unset', () => {
    const state = world();
    const all = call(state, 'user_attribute_user_values', { params: { user_id: '3' }, query: { user_attribute_ids: ['3'], all_values: true } }).body;
    expect((all as Array<Record<string, unknown>>).map((v) => v.source)).toEqual(['group', 'group', 'default']);
    const unset = call(state, 'user_attribute_user_values', { params: { user_id: '3' }, query: { user_attribute_ids: ['8'], include_unset: true } }).body;
    expect(unset).toEqual([expect.objectContaining({ user_attribute_id: '8', value: null, source: null })]);
    const without = call(state, 'user_attribute_user_values', { params: { user_id: '3' }, query: { user_attribute_ids: ['8'] } }).body;
    expect(without).toEqual([]);
  });

  it('blanks hidden values', () => {
    const body = call(world(), 'user_attribute_user_values', { params: { user_id: '1' }, query: { user_attribute_ids: ['6'] } }).body;
    expect(body).toEqual([expect.objectContaining({ value: null, value_is_hidden: true, source: 'user' })]);
  });
});

describe('looker attribute rules', () => {
  it('reports every broken rule of a create in one 422', () => {
    const detail = errorOf(() => call(world(), 'create_user_attribute', { body: { name: 'Bad Name', label: 'Region', type: 'colour' } }));
    expect(detail.status).toBe(422);
    const codes = (detail.data?.errors as Array<{ field: string; code: string }>).map((e) => `${e.field}:${e.code}`);
    expect(codes).toEqual(['name:invalid', 'label:already_exists', 'type:invalid']);
  });

  it('refuses to delete a permanent attribute and deletes the values of a normal one', () => {
    const state = world();
    expect(errorOf(() => call(state, 'delete_user_attribute', { params: { user_attribute_id: '2' } })).status).toBe(400);
    call(state, 'delete_user_attribute', { params: { user_attribute_id: '3' } });
    expect(state.userValue('3', '5')).toBeUndefined();
    expect(state.groupValues('3')).toEqual([]);
  });
});

describe('looker error format', () => {
  const patch = op('set_user_attribute_user_value', 'PATCH', '/api/4.0/users/{user_id}/attribute_values/{user_attribute_id}');

  it('builds documentation links from the method and the path with :params', () => {
    expect(documentationUrl(404, patch)).toBe('https://cloud.google.com/looker/docs/r/err/4.0/404/patch/users/:user_id/attribute_values/:user_attribute_id');
  });

  it('answers 401 Requires authentication and 429 with Retry-After', () => {
    expect(lookerVendor.formatError({ kind: 'unauthenticated' }, patch)).toMatchObject({ status: 401, body: { message: 'Requires authentication.' } });
    expect(lookerVendor.formatError({ kind: 'rate_limited', retryAfterSeconds: 3 }, patch)).toMatchObject({ status: 429, headers: { 'Retry-After': '3' } });
  });

  it('turns body diagnostics into 422 field errors and query ones into 400', () => {
    const body = lookerVendor.formatError({ kind: 'validation', diagnostics: [{ location: 'body', pointer: '', keyword: 'required', message: 'x', params: { missingProperty: 'name' } }] }, patch);
    expect(body).toMatchObject({ status: 422, body: { message: 'Validation Failed', errors: [{ field: 'name', code: 'missing' }] } });
    const query = lookerVendor.formatError({ kind: 'validation', diagnostics: [{ location: 'query', pointer: '/limit', keyword: 'type', message: 'must be integer', params: {} }] }, patch);
    expect(query.status).toBe(400);
  });
});
