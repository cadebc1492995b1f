import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IApiSection, IApiSettings } from '@looker/sdk-rtl';
import { DelimArray } from '@looker/sdk-rtl';
import { LookerNodeSDK, NodeSettings } from '@looker/sdk-node';
import SnagSolutions from '@snagsolutions/sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { compareBodies, ValueMap } from '../src/proxy/compare-answers.js';
import { readRecording, replayRecording } from '../src/proxy/replay-recording.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';
import { CLI } from './support/spawn-cli.js';

class LookerThrough extends NodeSettings {
  constructor(baseUrl: string) {
    super('', { base_url: baseUrl, verify_ssl: false, timeout: 30 } as IApiSettings);
  }

  override readConfig(): IApiSection {
    return { base_url: this.base_url, client_id: 'looker-dev-client-id', client_secret: 'looker-dev-client-secret' };
  }
}

function drift(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [CLI, 'drift', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout })));
}

/** An upstream that passes everything to `target` but changes some answers on purpose. */
async function tamperingUpstream(target: string, tamper: (method: string, url: string, status: number, body: any) => { status: number; body: any }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = chunks.length ? Buffer.concat(chunks).toString() : undefined;
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([n]) => !['host', 'connection', 'content-length'].includes(n))) as Record<string, string>;
      const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body });
      const text = await answer.text();
      const out = tamper(req.method!, req.url!, answer.status, text ? JSON.parse(text) : undefined);
      res.writeHead(out.status, { 'content-type': 'application/json' }).end(out.body === undefined ? undefined : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'attrmock-drift-'));
  // sdk-rtl 26.12 logs "AbortSignal.timeout is not defined" on every call without a cancel signal.
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
});

describe('a recording of a faithful upstream (a second attrmock)', () => {
  let upstream: RunningMock;
  const file = () => path.join(dir, 'faithful.jsonl');
  let lookerToken = '';
  beforeAll(async () => {
    upstream = await startMock({ port: 0, logLevel: 'silent' });
    const proxy = await startMock({ port: 0, logLevel: 'silent', proxy: { snag: `${upstream.url}/snag`, looker: `${upstream.url}/looker`, lightdash: `${upstream.url}/lightdash` }, record: file() });
    try {
      const snag = new SnagSolutions({ apiKey: SNAG.key, baseURL: `${proxy.url}/snag`, maxRetries: 0 });
      const created = await snag.auctions.websiteUserAttributes.create({ data: [{ label: 'Recorded' }] });
      const attributeId = created.data[0]!.id;
      await snag.auctions.websiteUserAttributes.values.create({ data: [{ websiteUserAttributeId: attributeId, userId: SNAG.userId, value: 'one' }], organizationId: SNAG.organizationId, websiteId: SNAG.websiteId });
      await snag.auctions.websiteUserAttributes.values.list({ userIds: [SNAG.userId] });
      await snag.auctions.websiteUserAttributes.delete(attributeId, { body_id: attributeId, organizationId: SNAG.organizationId, websiteId: SNAG.websiteId } as never);

      // The official Looker SDK, unchanged but for its base URL, logs in and works through the proxy.
      const looker = LookerNodeSDK.init40(new LookerThrough(`${proxy.url}/looker`));
      expect(await looker.ok(looker.me())).toMatchObject({ id: '1' });
      lookerToken = (await looker.authSession.getToken()).access_token!;
      const attribute = await looker.ok(looker.create_user_attribute({ name: 'recorded_team', label: 'Recorded Team', type: 'string', default_value: 'none' }));
      await looker.ok(looker.set_user_attribute_user_value('2', attribute.id!, { value: 'platform' }));
      const read = await looker.ok(looker.user_attribute_user_values({ user_id: '2', user_attribute_ids: new DelimArray<string>([attribute.id!]) }));
      expect(read[0]).toMatchObject({ value: 'platform' });
      await looker.ok(looker.delete_user_attribute(attribute.id!));
      await http(`${proxy.url}/lightdash/api/v1/org/attributes`, { headers: { authorization: 'ApiKey lightdash-dev-token' } });
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('holds every exchange, and no credential or token', () => {
    const text = readFileSync(file(), 'utf8');
    expect(text.trim().split('\n').length).toBeGreaterThanOrEqual(11);
    for (const secret of [SNAG.key, 'looker-dev-client-secret', 'looker-dev-client-id', 'lightdash-dev-token', lookerToken]) expect(text).not.toContain(secret);
    expect(lookerToken.length).toBeGreaterThan(10);
  });

  it('replays on a fresh mock with no drift: attrmock drift exits 0', async () => {
    const { code, stdout } = await drift(['--recording', file()]);
    expect(stdout).toMatch(/✓ \d+ recorded requests replayed; the mock agrees with every answer/);
    expect(code).toBe(0);
  });

  it('replays one vendor alone and writes JUnit XML', async () => {
    const out = path.join(dir, 'drift.xml');
    const { code } = await drift(['--recording', file(), '--vendor', 'looker', '--reporter', 'junit', '--out', out]);
    expect(code).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/<testsuite name="attrmock drift" tests="\d+" failures="0">/);
    expect(xml).toContain('POST /looker/api/4.0/login');
    expect(xml).not.toContain('/snag/');
  });
});

describe('a recording of an upstream whose answers differ on purpose', () => {
  it('names each planted difference, and nothing else', async () => {
    const upstream = await startMock({ port: 0, logLevel: 'silent' });
    const tampering = await tamperingUpstream(`${upstream.url}/snag`, (method, url, status, body) => {
      if (method === 'GET' && url.startsWith('/api/website_user_attributes?')) {
        delete body.data[0].label;
        body.data[0].websiteId = 5;
        return { status, body };
      }
      if (method === 'POST' && url === '/api/website_user_attributes/values') return { status: 201, body };
      return { status, body };
    });
    const file = path.join(dir, 'tampered.jsonl');
    const proxy = await startMock({ port: 0, logLevel: 'silent', proxy: { snag: tampering.url }, record: file });
    try {
      const headers = { 'x-api-key': SNAG.key };
      await http(`${proxy.url}/snag/api/website_user_attributes?limit=5`, { headers });
      await http(`${proxy.url}/snag/api/website_user_attributes/values`, {
        method: 'POST',
        headers,
        json: { data: [{ websiteUserAttributeId: SNAG.teamAttributeId, userId: SNAG.userId, value: 'v' }], organizationId: SNAG.organizationId, websiteId: SNAG.websiteId },
      });
      await http(`${proxy.url}/snag/api/website_user_attributes/values?userIds=${SNAG.userId}`, { headers });
    } finally {
      await proxy.close();
      await new Promise((resolve) => tampering.server.close(resolve));
      await upstream.close();
    }
    const results = await replayRecording(await readRecording(file));
    const found = results.map((r) => r.differences.map((d) => `${d.kind} ${d.path} ${d.recorded} -> ${d.mock}`));
    expect(found[0]).toEqual([
      expect.stringMatching(/^schema \$ listWebsiteUserAttributes 200: .*-> fits the spec$/),
      'type $.data[0].websiteId number -> string',
      'extra $.data[0].label absent -> string',
    ]);
    expect(found[1]).toEqual([expect.stringMatching(/^status \$ 201 -> 200$/), expect.stringMatching(/^schema \$ .*status 201 is not documented.* -> fits the spec$/)]);
    expect(found[2]).toEqual([]);

    const { code, stdout } = await drift(['--recording', file]);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ line 1 GET /snag/api/website_user_attributes (listWebsiteUserAttributes)');
    expect(stdout).toContain('type at $.data[0].websiteId: recorded number, mock string');
    expect(stdout).toContain('2 of 3 recorded requests answered differently on the mock');
  });
});

describe('comparing answers by consistency', () => {
  it('accepts other generated ids, but not one recorded id becoming two mock ids', () => {
    const values = new ValueMap();
    expect(compareBodies({ id: 'r1', at: '2026-01-01T00:00:00Z' }, { id: 'm1', at: '2026-12-04T18:00:00.123Z' }, values)).toEqual([]);
    expect(compareBodies({ items: [{ id: 'r1' }] }, { items: [{ id: 'm1' }, { id: 'm2' }] }, values)).toEqual([]);
    expect(compareBodies({ owner: 'r1' }, { owner: 'm2' }, values)).toEqual([{ kind: 'consistency', path: '$.owner', recorded: '"r1"', mock: '"m2", where it was "m1" before' }]);
    expect(values.rewrite('/users/r1/values?x=r1')).toBe('/users/m1/values?x=m1');
  });
});
