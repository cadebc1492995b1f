import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SnagSolutions from '@snagsolutions/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import type { JournalEntry } from '../src/admin/journal.js';
import { admin, snagValueWrite, SNAG_VALUES_PATH } from './support/admin.js';
import { http } from './support/http.js';
import { rawRequest } from './support/raw-http.js';
import { failingCli, startCli } from './support/spawn-cli.js';
import { SNAG } from './support/snag-world.js';

/** A stand-in upstream on loopback answering every request with `answer`, keeping what it was sent. */
async function standIn(answer: (req: { method: string; url: string; headers: Record<string, unknown>; body: string }) => { status: number; headers?: Record<string, string>; body: string }) {
  const seen: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
      seen.push(got);
      const out = answer(got);
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers }).end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function lastEntry(mock: RunningMock): Promise<JournalEntry> {
  const { body } = await admin(mock.url, 'GET', '/requests?limit=1');
  return body.requests[0];
}

describe('--proxy with a second attrmock as the real vendor', () => {
  let upstream: RunningMock;
  let proxy: RunningMock;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'attrmock-proxy-'));
    upstream = await startMock({ port: 0, logLevel: 'silent' });
    proxy = await startMock({ port: 0, logLevel: 'silent', seed: 99, proxy: { snag: `${upstream.url}/snag` }, record: path.join(dir, 'snag.jsonl') });
  });
  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });
  beforeEach(() => {
    upstream.reset();
    proxy.reset();
  });

  it('passes method, path, query, credentials and body through and returns the upstream answer unchanged', async () => {
    const write = snagValueWrite('proxied');
    const res = await http(`${proxy.url}${SNAG_VALUES_PATH}`, write);
    expect(res.status).toBe(200);
    const list = await http(`${proxy.url}${SNAG_VALUES_PATH}?userIds=${SNAG.userId}`, { headers: { 'x-api-key': SNAG.key } });
    expect(list.body.data.find((v: { customFieldId: string }) => v.customFieldId === SNAG.teamAttributeId)?.value).toBe('proxied');
    // The write landed upstream, not in the proxy's own world.
    const direct = await http(`${upstream.url}${SNAG_VALUES_PATH}?userIds=${SNAG.userId}`, { headers: { 'x-api-key': SNAG.key } });
    expect(direct.text).toBe(list.text);
    const local = await upstream.control.journal.list({ limit: 1 })[0]!;
    expect(local.query).toEqual({ userIds: SNAG.userId });
    const entry = await lastEntry(proxy);
    expect(entry).toMatchObject({ proxied: true, status: 200, operationId: 'listWebsiteUserAttributeValues', upstream: { status: 200 } });
    expect(entry.drift).toBeUndefined();
    expect(entry.upstream!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('lets the official Snag SDK run unchanged through the proxy, its errors included', async () => {
    const client = new SnagSolutions({ apiKey: SNAG.key, baseURL: `${proxy.url}/snag`, maxRetries: 0 });
    const created = await client.auctions.websiteUserAttributes.create({ data: [{ label: 'Through the proxy' }] });
    const listed = await client.auctions.websiteUserAttributes.list({ limit: 100 });
    expect(listed.data.map((a) => a.id)).toContain(created.data[0]!.id);
    expect(upstream.control.journal.list({ operationId: 'createWebsiteUserAttributes' })).toHaveLength(1);
    const stranger = new SnagSolutions({ apiKey: 'not-a-key', baseURL: `${proxy.url}/snag`, maxRetries: 0 });
    await expect(stranger.auctions.websiteUserAttributes.list()).rejects.toBeInstanceOf(SnagSolutions.PermissionDeniedError);
  });

  it('answers fault rules and Prefer itself, without calling the upstream', async () => {
    await admin(proxy.url, 'POST', '/faults', { operationId: 'listWebsiteUserAttributes', status: 503, times: 1 });
    const before = upstream.control.journal.size;
    const forced = await http(`${proxy.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
    expect(forced.status).toBe(503);
    const preferred = await http(`${proxy.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key, prefer: 'code=403' } });
    expect(preferred.status).toBe(403);
    expect(upstream.control.journal.size).toBe(before);
    expect((await lastEntry(proxy)).proxied).toBeUndefined();
    const passed = await http(`${proxy.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
    expect(passed.status).toBe(200);
    expect(upstream.control.journal.size).toBe(before + 1);
  });

  it('records each exchange with no credential in it', async () => {
    await http(`${proxy.url}${SNAG_VALUES_PATH}`, snagValueWrite('recorded'));
    await proxy.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = readFileSync(path.join(dir, 'snag.jsonl'), 'utf8');
    expect(text).not.toContain(SNAG.key);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    const last = lines.at(-1);
    expect(last).toMatchObject({ vendor: 'snag', method: 'POST', path: '/api/website_user_attributes/values', headers: { 'x-api-key': '[REDACTED]' }, response: { status: 200 } });
    expect(last.body.data[0].value).toBe('recorded');
  });
});

describe('--proxy with upstreams that break the spec or cannot be reached', () => {
  it('flags every answer of a server that answers {} to everything, and still passes it on unchanged', async () => {
    const empty = await standIn(() => ({ status: 200, body: '{}' }));
    const proxy = await startMock({ port: 0, logLevel: 'silent', proxy: { snag: empty.url } });
    try {
      const res = await rawRequest(proxy.port, 'GET', '/snag/api/website_user_attributes?limit=5', { 'x-api-key': SNAG.key, connection: 'x-hop', 'x-hop': 'this connection only' });
      expect(res.status).toBe(200);
      expect(res.text).toBe('{}');
      expect(empty.seen[0]).toMatchObject({ method: 'GET', url: '/api/website_user_attributes?limit=5', headers: { 'x-api-key': SNAG.key, host: new URL(empty.url).host } });
      expect(empty.seen[0]!.headers['x-hop']).toBeUndefined();
      const entry = await lastEntry(proxy);
      expect(entry.drift).toEqual([
        'listWebsiteUserAttributes 200: response body at data breaks "required": is required; actual: absent',
        'listWebsiteUserAttributes 200: response body at hasNextPage breaks "required": is required; actual: absent',
      ]);
      await http(`${proxy.url}${SNAG_VALUES_PATH}`, snagValueWrite('x'));
      expect((await lastEntry(proxy)).drift!.length).toBeGreaterThan(0);
      await http(`${proxy.url}/snag/api/not-in-the-spec`, { headers: { 'x-api-key': SNAG.key } });
      expect((await lastEntry(proxy)).drift).toEqual(['GET /api/not-in-the-spec is not in specs/snag.oas.yaml']);
    } finally {
      await proxy.close();
      await close(empty.server);
    }
  });

  it('answers 502 in the vendor\'s error format when the upstream is down, and the journal says why', async () => {
    const down = await standIn(() => ({ status: 200, body: '{}' }));
    await close(down.server);
    const proxy = await startMock({ port: 0, logLevel: 'silent', proxy: { snag: down.url, lightdash: down.url } });
    try {
      const snag = await http(`${proxy.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
      expect(snag.status).toBe(502);
      expect(snag.body).toEqual({ message: 'Bad Gateway' });
      const entry = await lastEntry(proxy);
      expect(entry).toMatchObject({ proxied: true, status: 502, upstream: { error: expect.stringMatching(/could not be reached: .*ECONNREFUSED/) } });
      const lightdash = await http(`${proxy.url}/lightdash/api/v1/org/attributes`, { headers: { authorization: 'ApiKey x' } });
      expect(lightdash.status).toBe(502);
      expect(lightdash.body).toMatchObject({ status: 'error', error: { statusCode: 502 } });
    } finally {
      await proxy.close();
    }
  });
});

describe('attrmock mock --proxy and --record on the command line', () => {
  it('proxies the named vendor and leaves the others to the mock', async () => {
    const upstream = await standIn(() => ({ status: 200, body: '{"data":[],"hasNextPage":false}' }));
    const server = await startCli(['--proxy', `snag=${upstream.url}/`]);
    try {
      const snag = await http(`${server.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': 'real-key' } });
      expect(snag.body).toEqual({ data: [], hasNextPage: false });
      expect(upstream.seen[0]).toMatchObject({ url: '/api/website_user_attributes', headers: { 'x-api-key': 'real-key' } });
      const lightdash = await http(`${server.url}/lightdash/api/v1/org/attributes`, { headers: { authorization: 'ApiKey lightdash-dev-token' } });
      expect(lightdash.status).toBe(200);
      expect(upstream.seen).toHaveLength(1);
    } finally {
      await server.stop('SIGTERM');
      await close(upstream.server);
    }
  });

  it('refuses an unknown vendor, a value that is not VENDOR=URL, and --record without --proxy', async () => {
    expect(await failingCli(['--proxy', 'salesforce=http://127.0.0.1:1'])).toMatchObject({ code: 1, output: expect.stringContaining('unknown vendor "salesforce"') });
    expect(await failingCli(['--proxy', 'snag'])).toMatchObject({ code: 1, output: expect.stringContaining('--proxy wants VENDOR=URL') });
    expect(await failingCli(['--record', path.join(tmpdir(), 'never.jsonl')])).toMatchObject({ code: 1, output: expect.stringContaining('give --proxy VENDOR=URL too') });
  });
});
