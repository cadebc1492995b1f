import { gzipSync } from 'node:zlib';
import type { IApiSection, IApiSettings } from '@looker/sdk-rtl';
import { LookerNodeSDK, NodeSettings } from '@looker/sdk-node';
import SnagSolutions from '@snagsolutions/sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attrmockMiddleware, type AttrmockMiddleware } from '../src/embed/index.js';
import { EXPRESS_VERSIONS, listenApp, listenAppWith, type RunningApp } from './support/express-apps.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

class MockLookerSettings extends NodeSettings {
  constructor(baseUrl: string) {
    super('', { base_url: baseUrl, verify_ssl: false, timeout: 30 } as IApiSettings);
  }

  override readConfig(): IApiSection {
    return { base_url: this.base_url, client_id: 'looker-dev-client-id', client_secret: 'looker-dev-client-secret' };
  }
}

const scope = { organizationId: SNAG.organizationId, websiteId: SNAG.websiteId };

beforeAll(() => {
  // sdk-rtl 26.12 logs "AbortSignal.timeout is not defined" on every call without a cancel signal.
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
});

for (const [version, express] of Object.entries(EXPRESS_VERSIONS)) {
  for (const parsers of [false, true]) {
    describe(`${version} app, ${parsers ? 'with' : 'without'} its own body parsers in front`, () => {
      let app: RunningApp;
      let mock: AttrmockMiddleware;

      beforeAll(async () => {
        mock = attrmockMiddleware({ responseValidation: 'fail', logLevel: 'silent' });
        const expressApp = express();
        if (parsers) expressApp.use(express.json(), express.urlencoded({ extended: true }), express.text());
        expressApp.get('/hello', (_req, res) => {
          res.json({ app: 'still mine' });
        });
        expressApp.use('/mocks', mock);
        expressApp.use((_req, res) => {
          res.status(404).json({ app: '404 of the app' });
        });
        app = await listenApp(expressApp);
        await mock.ready;
      });
      afterAll(async () => {
        await app.close();
        await mock.close();
      });

      it('serves the official Snag SDK below the mount', async () => {
        const client = new SnagSolutions({ apiKey: SNAG.key, baseURL: `${app.url}/mocks/snag`, maxRetries: 0 });
        const attributes = client.auctions.websiteUserAttributes;
        const created = await attributes.create({ data: [{ label: 'Mounted attribute' }] });
        const attributeId = created.data[0]!.id;
        await attributes.values.create({ data: [{ websiteUserAttributeId: attributeId, userId: SNAG.userId, value: 'inside' }], ...scope });
        const values = await attributes.values.list({ userIds: [SNAG.userId] });
        expect(values.data.find((v) => v.customFieldId === attributeId)?.value).toBe('inside');
        const error = await attributes.values
          .create({ data: [{ websiteUserAttributeId: attributeId, userId: 'not-a-uuid', value: 'x' }], ...scope })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SnagSolutions.BadRequestError);
        mock.verify({ operationId: 'createWebsiteUserAttributeValues', status: 200, body: { data: [{ value: 'inside' }] } });
        mock.verify({ operationId: 'createWebsiteUserAttributeValues', status: 400, times: 1 });
      });

      it('serves the official Looker SDK below the mount, its form login included', async () => {
        const sdk = LookerNodeSDK.init40(new MockLookerSettings(`${app.url}/mocks/looker`));
        const me = await sdk.ok(sdk.me());
        expect(me).toMatchObject({ id: '1', email: 'api-admin@example.com' });
        const attribute = await sdk.ok(sdk.create_user_attribute({ name: 'mounted_team', label: 'Mounted Team', type: 'string', default_value: 'none' }));
        const set = await sdk.ok(sdk.set_user_attribute_user_value('2', attribute.id!, { value: 'platform' }));
        expect(set).toMatchObject({ value: 'platform', source: 'user' });
        mock.verify({ vendor: 'looker', operationId: 'login', times: 1, body: { client_id: '[REDACTED]' } });
        mock.verify({ operationId: 'set_user_attribute_user_value', body: { value: 'platform' } });
      });

      it('leaves the app its own routes and 404s, and answers /__admin below the mount', async () => {
        expect((await http(`${app.url}/hello`)).body).toEqual({ app: 'still mine' });
        expect((await http(`${app.url}/mocks/nothing-here`)).body).toEqual({ app: '404 of the app' });
        const health = await http(`${app.url}/mocks/__admin/health`);
        expect(health.body).toEqual({ status: 'ok', vendors: ['snag', 'looker', 'lightdash'] });
        const journal = await http(`${app.url}/mocks/__admin/requests?vendor=looker&operationId=login`);
        expect(journal.body.count).toBe(1);
        const faults = await http(`${app.url}/mocks/__admin/faults`, { method: 'POST', json: { operationId: 'listWebsiteUserAttributes', status: 503, times: 1 } });
        expect(faults.status).toBe(201);
        const forced = await http(`${app.url}/mocks/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
        expect(forced.status).toBe(503);
      });

      it('reads a gzipped JSON body, whoever inflates it', async () => {
        const body = gzipSync(JSON.stringify({ data: [{ label: 'Zipped' }] }));
        const res = await fetch(`${app.url}/mocks/snag/api/website_user_attributes`, {
          method: 'POST',
          headers: { 'x-api-key': SNAG.key, 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body,
        });
        expect(res.status).toBe(200);
        expect((await res.json()).data[0]).toMatchObject({ label: 'Zipped' });
      });

      it('learns its URL from the requests it served, for test sessions', () => {
        const worker = mock.session('worker-1');
        expect(worker.url).toBe(`${app.url}/mocks`);
        expect(worker.headers).toEqual({ 'x-attrmock-session': 'worker-1' });
      });
    });
  }
}

describe('the middleware as one world per instance', () => {
  let app: RunningApp;
  const first = attrmockMiddleware({ logLevel: 'silent' });
  const second = attrmockMiddleware({ logLevel: 'silent', admin: false });

  beforeAll(async () => {
    app = await listenAppWith('Express 5', { '/a': first, '/b': second });
  });
  afterAll(() => app.close());

  it('keeps each instance\'s writes, journal and sessions apart, and hides /__admin when turned off', async () => {
    const headers = { 'x-api-key': SNAG.key };
    const write = await http(`${app.url}/a/snag/api/website_user_attributes`, { method: 'POST', headers, json: { data: [{ label: 'Only in A' }] } });
    expect(write.status).toBe(200);
    const labels = async (base: string) => (await http(`${base}/snag/api/website_user_attributes?limit=100`, { headers })).body.data.map((a: { label: string }) => a.label);
    expect(await labels(`${app.url}/a`)).toContain('Only in A');
    expect(await labels(`${app.url}/b`)).not.toContain('Only in A');
    expect(first.requests({ operationId: 'createWebsiteUserAttributes' })).toHaveLength(1);
    expect(second.requests({ operationId: 'createWebsiteUserAttributes' })).toHaveLength(0);
    expect((await http(`${app.url}/b/__admin/health`)).body).toEqual({ app: '404 of the app' });
    expect((await http(`${app.url}/a/__admin/health`)).status).toBe(200);
  });

  it('answers a request that arrives while it is still loading, once it is ready', async () => {
    const fresh = attrmockMiddleware({ logLevel: 'silent' });
    const express = EXPRESS_VERSIONS['Express 4'];
    const expressApp = express();
    expressApp.use('/m', fresh);
    const early = await listenApp(expressApp);
    try {
      expect(() => fresh.requests()).toThrow(/await mock.ready/);
      expect(() => fresh.session('early').url).toThrow(/learns its URL from the first request/);
      const res = await http(`${early.url}/m/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
      expect(res.status).toBe(200);
      fresh.verify({ vendor: 'snag', method: 'get', times: 1 });
    } finally {
      await early.close();
    }
  });

  it('passes a loading failure to the app\'s error handler and to whoever awaits ready', async () => {
    const broken = attrmockMiddleware({ logLevel: 'silent', specsDir: '/nonexistent/specs' });
    const express = EXPRESS_VERSIONS['Express 5'];
    const expressApp = express();
    expressApp.use('/m', broken);
    expressApp.use((error: Error, _req: unknown, res: { status(n: number): { json(b: unknown): void } }, _next: unknown) => {
      res.status(500).json({ appError: error.message });
    });
    const running = await listenApp(expressApp);
    try {
      await expect(broken.ready).rejects.toThrow();
      const res = await http(`${running.url}/m/snag/api/website_user_attributes`);
      expect(res.status).toBe(500);
      expect(res.body.appError).toMatch(/nonexistent/);
    } finally {
      await running.close();
    }
  });
});

describe('the middleware mounted before any body parser', () => {
  let app: RunningApp;
  const mock = attrmockMiddleware({ logLevel: 'silent', bodyLimit: 1024 });
  const quiet = attrmockMiddleware({ logLevel: 'silent', cors: false });
  const snagWrite = `/snag/api/website_user_attributes/values`;

  beforeAll(async () => {
    app = await listenAppWith('Express 4', { '/mocks': mock, '/quiet': quiet });
  });
  afterAll(() => app.close());

  it('answers malformed JSON and an oversized body with the vendor\'s own errors, journalled', async () => {
    const headers = { 'x-api-key': SNAG.key, 'content-type': 'application/json' };
    const malformed = await http(`${app.url}/mocks${snagWrite}`, { method: 'POST', headers, body: '{"data": [' });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body)).toEqual(['message']);
    mock.verify({ operationId: 'createWebsiteUserAttributeValues', status: 400, times: 1 });
    const big = await http(`${app.url}/mocks${snagWrite}`, { method: 'POST', headers, body: JSON.stringify({ padding: 'x'.repeat(4096) }) });
    const expected = mock.engine.formatError('snag', { kind: 'payload_too_large' });
    expect(big.status).toBe(expected.status);
    expect(Object.keys(big.body)).toEqual(Object.keys(expected.body as object));
  });

  it('answers browsers\' preflights as the server does, unless cors is off', async () => {
    const preflight = { method: 'OPTIONS', headers: { origin: 'http://app.example', 'access-control-request-method': 'POST' } };
    const answered = await fetch(`${app.url}/mocks${snagWrite}`, preflight);
    expect(answered.status).toBe(204);
    expect(answered.headers.get('access-control-allow-origin')).toBe('http://app.example');
    const passedOn = await fetch(`${app.url}/quiet${snagWrite}`, preflight);
    expect(passedOn.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('grants no CORS on its /__admin and refuses a change another site\'s page sends, as the server does', async () => {
    const evil = 'https://evil.example';
    const read = await fetch(`${app.url}/mocks/__admin/requests`, { headers: { origin: evil } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.headers.get('cache-control')).toBe('no-store');
    const before = mock.requests().length;
    const reset = await fetch(`${app.url}/mocks/__admin/reset`, { method: 'POST', headers: { origin: evil, 'content-type': 'application/json' }, body: '{}' });
    expect(reset.status).toBe(403);
    expect((await reset.json()).message).toContain('--admin-cors');
    expect(mock.requests().length).toBe(before);
    const own = await fetch(`${app.url}/mocks/__admin/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(own.status).toBe(200);
  });
});
