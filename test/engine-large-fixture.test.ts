import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonFileSync } from '../src/engine/parse-json-file.js';
import { startMock, type RunningMock } from '../src/index.js';
import { snagVendor } from '../src/vendors/snag/snag-vendor.js';
import { admin, SNAG_VALUES_PATH, snagValueWrite } from './support/admin.js';
import { http } from './support/http.js';

/**
 * Fixtures past 8 MB are streamed from disk (never held whole as text) and read again for each new world;
 * smaller ones are parsed once and copied. Both must seed the same world, every time.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'attrmock-large-fixture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ORG = '123e4567-e89b-12d3-a456-426614174002';
const SITE = '123e4567-e89b-12d3-a456-426614174001';
const KEY = 'snag-large-key';
const USERS = 25_000;
const attributeId = (a: number) => `20000000-0000-4000-8000-${String(a).padStart(12, '0')}`;
const userId = (u: number) => `00000000-0000-4000-8000-${String(u).padStart(12, '0')}`;
/** Each value carries multibyte text, so some characters straddle the reader's 1 MiB chunks. */
const valueOf = (u: number, a: number) => `élan ✓ ${u}/${a} ${'·'.repeat(40)}`;

function writeLargeFixture(file: string): void {
  const users = Array.from({ length: USERS }, (_, u) => ({ id: userId(u), organizationId: ORG }));
  const values = users.flatMap((user, u) =>
    [0, 1].map((a) => ({ id: `10000000-0000-4000-8000-${String(u * 2 + a).padStart(12, '0')}`, websiteUserAttributeId: attributeId(a), userId: user.id, value: valueOf(u, a), createdAt: '2026-01-02T00:00:00.000Z' })),
  );
  writeFileSync(file, JSON.stringify({
    organizations: [{ id: ORG, name: 'Large' }],
    websites: [{ id: SITE, organizationId: ORG, name: 'large.example' }],
    apiKeys: [{ key: KEY, organizationId: ORG, websiteId: SITE }],
    users,
    attributes: [0, 1].map((a) => ({ id: attributeId(a), websiteId: SITE, organizationId: ORG, label: `attribute ${a}`, createdAt: '2026-01-01T00:00:00.000Z' })),
    values,
  }, null, 1));
}

describe('a fixture too large to keep parsed', () => {
  let mock: RunningMock;
  const file = path.join(dir, 'snag.json');
  const list = (u: number, session?: string) =>
    http(`${mock.url}/snag/api/website_user_attributes/values?userIds=${userId(u)}`, { headers: { 'x-api-key': KEY, ...(session ? { 'x-attrmock-session': session } : {}) } });

  beforeAll(async () => {
    writeLargeFixture(file);
    expect(statSync(file).size).toBeGreaterThan(8 * 1024 * 1024);
    mock = await startMock({ port: 0, fixturesDir: dir, vendors: [{ ...snagVendor, fixtureFile: 'snag.json' }], logLevel: 'silent', responseValidation: 'fail' });
  });
  afterAll(() => mock?.close());

  it('is parsed exactly as JSON.parse parses it', () => {
    expect(parseJsonFileSync(file)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('seeds every value, multibyte text intact, with the scopes the fixture left out', async () => {
    for (const u of [0, 12_345, USERS - 1]) {
      const res = await list(u);
      expect(res.status).toBe(200);
      expect(res.body.data.map((v: any) => [v.value, v.websiteId, v.organizationId])).toEqual([[valueOf(u, 0), SITE, ORG], [valueOf(u, 1), SITE, ORG]]);
    }
  });

  it('reads the file again for a reset and for a new session, so writes never leak into a fresh world', async () => {
    const write = (session?: string) => http(`${mock.url}/snag/api/website_user_attributes/values`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, ...(session ? { 'x-attrmock-session': session } : {}) },
      json: { data: [{ websiteUserAttributeId: attributeId(0), userId: userId(7), value: 'changed' }], websiteId: SITE, organizationId: ORG },
    });
    expect((await write()).status).toBe(200);
    expect((await list(7)).body.data[0].value).toBe('changed');
    expect((await list(7, 'fresh')).body.data[0].value).toBe(valueOf(7, 0));
    mock.reset();
    expect((await list(7)).body.data[0].value).toBe(valueOf(7, 0));
  });

  it('stops the start, naming the file and where it breaks, when the file is not JSON', async () => {
    const brokenDir = path.join(dir, 'broken');
    mkdirSync(brokenDir);
    writeFileSync(path.join(brokenDir, 'snag.json'), `${'{"users":['.padEnd(9 * 1024 * 1024, ' ')}{"id":"x",}]}`);
    await expect(startMock({ port: 0, fixturesDir: brokenDir, vendors: [{ ...snagVendor, fixtureFile: 'snag.json' }], logLevel: 'silent' }))
      .rejects.toThrow(/broken\/snag\.json: Unexpected RIGHT_BRACE/);
  });
});

describe('a fixture small enough to keep parsed', () => {
  it('gives each world its own copy: a reset or a new session seeds the same world again', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent' });
    try {
      const seeded = (await admin(mock.url, 'GET', '/state')).body.vendors;
      expect((await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('changed'))).status).toBe(200);
      mock.reset();
      expect((await admin(mock.url, 'GET', '/state')).body.vendors).toEqual(seeded);
      expect((await admin(mock.url, 'GET', '/state?session=other')).body.vendors).toEqual(seeded);
    } finally {
      await mock.close();
    }
  });
});
