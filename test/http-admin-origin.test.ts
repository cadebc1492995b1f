import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { hostChecker } from '../src/http/host-check.js';
import { admin, snagTeamValue, snagValueWrite, SNAG_VALUES_PATH } from './support/admin.js';
import { http as fetchJson } from './support/http.js';
import { rawRequest as send } from './support/raw-http.js';
import { SNAG } from './support/snag-world.js';

const EVIL = 'https://evil.example';

describe('the admin API and a web page on another origin (issue 19)', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent' });
  });
  afterAll(() => mock.close());

  it('grants no CORS on /__admin to a foreign origin, reads and preflights alike', async () => {
    const read = await fetch(`${mock.url}/__admin/requests`, { headers: { origin: EVIL } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(`${mock.url}/__admin/state`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'PUT' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    // Express routes /__ADMIN to the admin API too.
    const shouted = await fetch(`${mock.url}/__ADMIN/requests`, { headers: { origin: EVIL } });
    expect(shouted.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a foreign origin\'s PUT, POST and DELETE with 403 naming the origin and --admin-cors, and changes nothing', async () => {
    await mock.reset();
    expect((await fetchJson(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('kept'))).status).toBe(200);
    await admin(mock.url, 'POST', '/faults', { vendor: 'snag', status: 500, times: 1, session: 'other' });
    const state = (await admin(mock.url, 'GET', '/state')).body;
    const attempts: Array<[string, string, unknown]> = [
      ['PUT', '/state', { vendors: {} }],
      ['POST', '/reset', undefined],
      ['POST', '/faults', { vendor: 'snag', status: 500 }],
      ['DELETE', '/faults', undefined],
      ['DELETE', '/requests', undefined],
      ['POST', '/scenarios/snag-flaky', undefined],
    ];
    for (const [method, path, json] of attempts) {
      const res = await admin(mock.url, method, path, json, { origin: EVIL });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.message).toContain(EVIL);
      expect(res.body.message).toContain(`--admin-cors ${EVIL}`);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(await snagTeamValue(mock.url)).toBe('kept');
    expect((await admin(mock.url, 'GET', '/faults')).body.faults).toHaveLength(1);
    expect((await admin(mock.url, 'GET', '/requests')).body.count).toBeGreaterThan(0);
    expect((await admin(mock.url, 'GET', '/state')).body).toEqual(state);
  });

  it('refuses a cross-site Sec-Fetch-Site and an opaque Origin: null, as browsers send them', async () => {
    await mock.reset();
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }]) {
      const res = await admin(mock.url, 'POST', '/faults', { vendor: 'snag', status: 500 }, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.message).toContain('--admin-cors');
    }
    expect((await admin(mock.url, 'GET', '/faults')).body.faults).toEqual([]);
  });

  it('refuses a cross-site form POST (no preflight, no Origin check of its own): admin changes need application/json', async () => {
    await mock.reset();
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'vendor=snag&status=500'],
      ['text/plain', '{"vendor":"snag","status":500}'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="vendor"\r\n\r\nsnag\r\n--x--\r\n'],
    ]) {
      const faults = await fetchJson(`${mock.url}/__admin/faults`, { method: 'POST', headers: { 'content-type': type! }, body });
      expect(faults.status, type).toBe(415);
      expect(faults.body.message).toContain('application/json');
      const reset = await fetchJson(`${mock.url}/__admin/reset`, { method: 'POST', headers: { 'content-type': type! }, body });
      expect(reset.status, type).toBe(415);
    }
    expect((await admin(mock.url, 'GET', '/faults')).body.faults).toEqual([]);
  });

  it('lets its own origin (a page the mock serves) and clients without Origin change state as before', async () => {
    await mock.reset();
    const own = await admin(mock.url, 'POST', '/faults', { vendor: 'snag', status: 500, times: 1 }, { origin: mock.url });
    expect(own.status).toBe(201);
    expect((await admin(mock.url, 'POST', '/reset', undefined, { 'sec-fetch-site': 'same-origin', origin: mock.url })).status).toBe(200);
    expect((await fetchJson(`${mock.url}/__admin/reset`, { method: 'POST' })).status).toBe(200);
    expect((await admin(mock.url, 'POST', '/faults', { vendor: 'snag', status: 500 }, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(201);
    await mock.reset();
  });

  it('keeps answering browser apps on the vendor mounts as Prism does', async () => {
    const res = await fetch(`${mock.url}/snag/api/website_user_attributes`, { headers: { origin: EVIL, 'x-api-key': SNAG.key } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(EVIL);
    const write = await fetchJson(`${mock.url}${SNAG_VALUES_PATH}`, { ...snagValueWrite('from-browser'), headers: { ...snagValueWrite('x').headers, origin: EVIL } });
    expect(write.status).toBe(200);
    expect(write.headers.get('access-control-allow-origin')).toBe(EVIL);
  });

  it('sends nothing cacheable from /__admin, and the dashboard cannot be framed by another origin', async () => {
    for (const path of ['/requests', '/state', '/faults', '/health']) {
      const res = await fetch(`${mock.url}/__admin${path}`);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    for (const path of ['/ui', '/ui/', '/ui/index.html']) {
      const res = await fetch(`${mock.url}/__admin${path}`);
      expect(res.headers.get('content-security-policy'), path).toBe("frame-ancestors 'self'");
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const vendor = await fetch(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
    expect(vendor.headers.get('cache-control')).toBeNull();
  });
});

describe('cross-site form POSTs with --no-cors (issue 20)', () => {
  it('are refused too: the admin guard does not depend on the vendor mounts\' CORS', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', cors: false });
    try {
      const form = await fetchJson(`${mock.url}/__admin/scenarios/snag-flaky`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
      expect(form.status).toBe(415);
      const crossSite = await fetchJson(`${mock.url}/__admin/reset`, { method: 'POST', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } });
      expect(crossSite.status).toBe(403);
      expect((await admin(mock.url, 'GET', '/faults')).body.faults).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});

describe('--admin-cors ORIGIN', () => {
  const DASHBOARD = 'https://dash.example:8443';
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent', adminCors: ['HTTPS://Dash.example:8443/'] });
  });
  afterAll(() => mock.close());

  it('grants the named origin CORS, preflights and changes; others still get neither', async () => {
    const preflight = await fetch(`${mock.url}/__admin/state`, {
      method: 'OPTIONS',
      headers: { origin: DASHBOARD, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    const reset = await admin(mock.url, 'POST', '/reset', undefined, { origin: DASHBOARD, 'sec-fetch-site': 'cross-site' });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    const other = await admin(mock.url, 'POST', '/reset', undefined, { origin: 'https://dash.example:9999' });
    expect(other.status).toBe(403);
  });

  it('refuses an origin that is not one at start', async () => {
    await expect(startMock({ port: 0, logLevel: 'silent', adminCors: ['dash.example'] })).rejects.toThrow(/--admin-cors dash.example/);
    await expect(startMock({ port: 0, logLevel: 'silent', adminCors: ['https://dash.example/app'] })).rejects.toThrow(/--admin-cors/);
  });
});

describe('the Host check (DNS rebinding), as Vite\'s server.allowedHosts', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent' });
  });
  afterAll(() => mock.close());

  it('refuses a foreign Host everywhere with 403 naming --allowed-hosts', async () => {
    for (const path of ['/__admin/state', '/__admin/health', '/snag/api/website_user_attributes', '/nowhere']) {
      const res = await send(mock.port, 'GET', path, { host: 'evil.example:4321', 'x-api-key': SNAG.key });
      expect(res.status, path).toBe(403);
      expect(res.body.message).toContain('--allowed-hosts evil.example');
    }
    const write = await send(mock.port, 'POST', '/__admin/reset', { host: 'evil.example' });
    expect(write.status).toBe(403);
  });

  it('serves IP literals, localhost and its subdomains', async () => {
    for (const host of [`127.0.0.1:${mock.port}`, `[::1]:${mock.port}`, 'localhost', `LOCALHOST:${mock.port}`, 'app.localhost:80', '10.1.2.3', 'localhost.']) {
      const res = await send(mock.port, 'GET', '/snag/api/website_user_attributes', { host, 'x-api-key': SNAG.key });
      expect(res.status, host).toBe(200);
    }
  });

  it('allows named hosts and subdomains of a .domain; all turns the check off', async () => {
    const named = await startMock({ port: 0, logLevel: 'silent', allowedHosts: ['mock.staging.example', '.corp.example'] });
    try {
      for (const host of ['mock.staging.example:4010', 'corp.example', 'a.b.corp.example']) expect((await send(named.port, 'GET', '/__admin/health', { host })).status, host).toBe(200);
      for (const host of ['staging.example', 'evilcorp.example', 'mock.staging.example.evil.example']) expect((await send(named.port, 'GET', '/__admin/health', { host })).status, host).toBe(403);
    } finally {
      await named.close();
    }
    const warnings: string[] = [];
    const logger = (await import('../src/logger.js')).createLogger('warn');
    const open = await startMock({ port: 0, logger: Object.assign(Object.create(logger), { warn: (msg: unknown) => void warnings.push(String(msg)) }), allowedHosts: 'all' });
    try {
      expect((await send(open.port, 'GET', '/__admin/health', { host: 'evil.example' })).status).toBe(200);
      expect(warnings.join('\n')).toContain('--allowed-hosts all');
    } finally {
      await open.close();
    }
  });

  it('checks names as host[:port], letter case and trailing dot aside', () => {
    const allowed = hostChecker(['mybox.lan']);
    expect(allowed('mybox.lan:4010')).toBe(true);
    expect(allowed('MyBox.LAN')).toBe(true);
    expect(allowed('evil.example@127.0.0.1')).toBe(false);
    expect(allowed('127.0.0.1.evil.example')).toBe(false);
    expect(allowed('localhost.evil.example')).toBe(false);
    expect(allowed('[::ffff:127.0.0.1]:80')).toBe(true);
    expect(allowed(undefined)).toBe(true);
  });
});

/** Binding to a name needs one that resolves here; this machine's own name usually does. */
const ownName = hostname();
const ownAddress = await lookup(ownName, { family: 4 }).then((found) => found.address, () => undefined);

describe.skipIf(ownAddress === undefined || !ownAddress.startsWith('127.') || ownName.toLowerCase() === 'localhost')('--host NAME', () => {
  it('allows the name it was bound to, and still refuses others', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent', host: ownName });
    try {
      expect((await send(mock.port, 'GET', '/__admin/health', { host: `${ownName}:${mock.port}` })).status).toBe(200);
      expect((await send(mock.port, 'GET', '/__admin/health', { host: 'evil.example' })).status).toBe(403);
    } finally {
      await mock.close();
    }
  });
});
