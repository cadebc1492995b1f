import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { admin, SNAG_VALUES_PATH, snagValueWrite } from './support/admin.js';
import { http } from './support/http.js';

let mock: RunningMock;
let scenariosDir: string;
const write = (value: string) => http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite(value));

beforeAll(async () => {
  scenariosDir = await mkdtemp(path.join(tmpdir(), 'attrmock-scenarios-'));
  await writeFile(path.join(scenariosDir, 'slow-snag.yaml'), 'faults:\n  - { operationId: createWebsiteUserAttributeValues, latency: 1-2 }\n  - { operationId: listWebsiteUserAttributes, status: 429 }\n');
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', scenariosDir });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('a scenario loaded twice', () => {
  it('replaces the fault rules it added the first time rather than adding them again', async () => {
    await admin(mock.url, 'POST', '/scenarios/slow-snag');
    const again = await admin(mock.url, 'POST', '/scenarios/slow-snag');
    expect(again.status).toBe(200);
    const { faults } = (await admin(mock.url, 'GET', '/faults')).body;
    expect(faults).toHaveLength(2);
    expect(faults.map((rule: { scenario: string }) => rule.scenario)).toEqual(['slow-snag', 'slow-snag']);
    const res = await write('x');
    expect(res.status).toBe(200);
    const [entry] = (await admin(mock.url, 'GET', '/requests')).body.requests;
    expect(entry.faultIds).toHaveLength(1);
  });

  it('keeps the same scenario loaded into another session apart', async () => {
    await admin(mock.url, 'POST', '/scenarios/slow-snag?session=qa');
    await admin(mock.url, 'POST', '/scenarios/slow-snag');
    await admin(mock.url, 'POST', '/scenarios/slow-snag');
    expect((await admin(mock.url, 'GET', '/faults')).body.faults).toHaveLength(4);
  });
});

describe('a fault rule that can never fire', () => {
  it('is refused 400 naming the closest operations when its path matches none', async () => {
    const res = await admin(mock.url, 'POST', '/faults', { path: '/snag/api/website_user_attribute', status: 500 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatch(/^no snag operation matches \* \/snag\/api\/website_user_attribute, so the rule could never fire; closest: \w+ \/snag\/api\/website_user_attributes \(/);
    expect((await admin(mock.url, 'GET', '/faults')).body.faults).toEqual([]);
  });

  it('is refused for /snag/api/nope too', async () => {
    const res = await admin(mock.url, 'POST', '/faults', { path: '/snag/api/nope', status: 500 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toContain('closest: ');
  });

  it('is refused when the path has no such method, naming the methods it has', async () => {
    const res = await admin(mock.url, 'POST', '/faults', { method: 'PUT', path: SNAG_VALUES_PATH, status: 500 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatch(/no snag operation matches PUT \/snag\/api\/website_user_attributes\/values.*closest: (GET|POST) \/snag\/api\/website_user_attributes\/values/);
  });

  it('is accepted for a concrete path of a templated operation and for the template itself', async () => {
    const concrete = await admin(mock.url, 'POST', '/faults', { method: 'DELETE', path: '/snag/api/website_user_attributes/abc', status: 500 });
    const template = await admin(mock.url, 'POST', '/faults', { method: 'DELETE', path: '/snag/api/website_user_attributes/{id}', status: 500 });
    expect([concrete.status, template.status], JSON.stringify([concrete.body, template.body])).toEqual([201, 201]);
  });
});

describe('a forced Snag 500 with a latency rule beside it', () => {
  it("names only the rule that answered in debugInfo", async () => {
    const slow = await admin(mock.url, 'POST', '/faults', { operationId: 'createWebsiteUserAttributeValues', latency: 1 });
    const failing = await admin(mock.url, 'POST', '/faults', { operationId: 'createWebsiteUserAttributeValues', status: 500 });
    const res = await write('x');
    expect(res.status).toBe(500);
    const answering = failing.body.faults[0].id;
    expect(res.body.debugInfo).toContain(answering);
    expect(res.body.debugInfo).not.toContain(`${slow.body.faults[0].id},`);
    expect(res.body.debugInfo).not.toMatch(new RegExp(`\\b${slow.body.faults[0].id}\\b`));
  });
});

describe('fault rule ids', () => {
  it('restart at f1 after a reset, as on a fresh server', async () => {
    await admin(mock.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status: 500 });
    await admin(mock.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status: 500 });
    await admin(mock.url, 'POST', '/reset');
    const res = await admin(mock.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status: 500 });
    expect(res.body.faults[0].id).toBe('f1');
  });
});

describe('an unknown scenario', () => {
  it("answers 404 without the server's absolute scenarios folder", async () => {
    const res = await admin(mock.url, 'POST', '/scenarios/nope');
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('nope.yaml');
    expect(res.body.message).not.toContain(scenariosDir);
    expect(res.body.message).not.toContain(tmpdir());
  });
});
