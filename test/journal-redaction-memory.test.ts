import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { Journal } from '../src/admin/journal.js';
import { isSecretName, keepBody } from '../src/admin/redact.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

const journalText = async (url: string) => (await http(`${url}/__admin/requests`)).text;

/** The audit's redaction misses (issue 20), each sent as a client would and looked for in the journal. */
describe('the journal hides every credential spelling the audit found', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent' });
  });
  afterAll(() => mock.close());

  it('a multipart login\'s client_secret part', async () => {
    await mock.reset();
    const form = new FormData();
    form.set('client_id', 'looker-dev-client-id');
    form.set('client_secret', 'looker-dev-client-secret');
    await fetch(`${mock.url}/looker/api/4.0/login`, { method: 'POST', body: form });
    const text = await journalText(mock.url);
    expect(text).toContain('/looker/api/4.0/login');
    expect(text).not.toContain('looker-dev-client-secret');
    expect(text).toContain('[REDACTED]');
  });

  it('query clientSecret, accessToken, api-key, auth, private_token and client_secret[]', async () => {
    await mock.reset();
    const names = ['clientSecret', 'accessToken', 'api-key', 'auth', 'private_token', 'client_secret[]'];
    const query = names.map((name, i) => `${encodeURIComponent(name)}=Q-SECRET-${i}`).join('&');
    await http(`${mock.url}/snag/api/website_user_attributes?${query}`, { headers: { 'x-api-key': SNAG.key } });
    const text = await journalText(mock.url);
    for (let i = 0; i < names.length; i++) expect(text, names[i]).not.toContain(`Q-SECRET-${i}`);
    const [entry] = (await http(`${mock.url}/__admin/requests`)).body.requests;
    for (const name of names) expect(entry.query[name], name).toBe('[REDACTED]');
  });

  it('headers X-Lightdash-Token, X-Auth-Token and Api-Key, and a body\'s apiToken', async () => {
    await mock.reset();
    await http(`${mock.url}/lightdash/api/v1/org/attributes`, {
      method: 'POST',
      headers: { 'X-Lightdash-Token': 'H-SECRET-1', 'X-Auth-Token': 'H-SECRET-2', 'Api-Key': 'H-SECRET-3', authorization: 'ApiKey lightdash-dev-token' },
      json: { name: 'n', attributeDefault: null, users: [], groups: [], apiToken: 'B-SECRET-1', nested: [{ accessToken: 'B-SECRET-2' }] },
    });
    const text = await journalText(mock.url);
    for (const secret of ['H-SECRET-1', 'H-SECRET-2', 'H-SECRET-3', 'B-SECRET-1', 'B-SECRET-2', 'lightdash-dev-token']) expect(text).not.toContain(secret);
    expect(text).toContain('"name":"n"');
  });

  it('the value written to a hidden Looker attribute, which the API itself answers as null', async () => {
    await mock.reset();
    const login = await http(`${mock.url}/looker/api/4.0/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret' });
    const auth = { authorization: `token ${login.body.access_token}` };
    const written = await http(`${mock.url}/looker/api/4.0/users/1/attribute_values/6`, { method: 'PATCH', headers: auth, json: { value: 'WAREHOUSE-PW-hunter2' } });
    expect(written.status).toBe(200);
    expect(written.text).not.toContain('WAREHOUSE-PW-hunter2');
    const group = await http(`${mock.url}/looker/api/4.0/groups/2/attribute_values/6`, { method: 'PATCH', headers: auth, json: { value: 'GROUP-PW-hunter3' } });
    expect(group.status).toBe(200);
    const created = await http(`${mock.url}/looker/api/4.0/user_attributes`, {
      method: 'POST', headers: auth,
      json: { name: 'vault_key', label: 'Vault Key', type: 'string', value_is_hidden: true, hidden_value_domain_whitelist: 'https://*.example.com/*', default_value: 'DEFAULT-PW-hunter4' },
    });
    expect(created.status).toBe(200);
    // A visible attribute's value is not a secret: the journal still shows it.
    await http(`${mock.url}/looker/api/4.0/users/1/attribute_values/1`, { method: 'PATCH', headers: auth, json: { value: 'emea-visible' } });
    const text = await journalText(mock.url);
    for (const secret of ['WAREHOUSE-PW-hunter2', 'GROUP-PW-hunter3', 'DEFAULT-PW-hunter4']) expect(text).not.toContain(secret);
    expect(text).toContain('emea-visible');
  });
});

describe('journal memory (issue 20)', () => {
  it('keeps a large body as a truncated, redacted string, not its parsed tree', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent' });
    try {
      // Just under 64 KiB, as the audit sent: such a body was kept as its parsed tree.
      const big = JSON.stringify({ data: Array.from({ length: 1300 }, (_, i) => ({ label: `attribute-${i}`, password: 'P-SECRET' })) });
      expect(big.length).toBeGreaterThan(32 * 1024);
      expect(big.length).toBeLessThan(64 * 1024);
      await http(`${mock.url}/snag/api/website_user_attributes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      const [entry] = (await http(`${mock.url}/__admin/requests`)).body.requests;
      expect(typeof entry.body).toBe('string');
      expect(entry.body.length).toBeLessThanOrEqual(16 * 1024 + 1);
      expect(entry.body.endsWith('…')).toBe(true);
      expect(entry.body).not.toContain('P-SECRET');
      // A small JSON body still reads as JSON.
      await http(`${mock.url}/snag/api/website_user_attributes`, { method: 'POST', json: { data: [{ label: 'x' }] } });
      expect((await http(`${mock.url}/__admin/requests?limit=1`)).body.requests[0].body).toEqual({ data: [{ label: 'x' }] });
    } finally {
      await mock.close();
    }
  });

  it('caps the journal\'s bytes, not only its entry count, dropping the oldest first', () => {
    const journal = new Journal(5000, 200_000);
    const body = keepBody(Buffer.from(JSON.stringify({ pad: 'x'.repeat(20_000) })), 'application/json', 16 * 1024);
    for (let i = 0; i < 100; i++) journal.add({ at: '', session: 'default', vendor: 'snag', method: 'POST', path: `/snag/${i}`, query: {}, headers: {}, status: 400, durationMs: 1 }, body);
    expect(journal.bytes).toBeLessThanOrEqual(200_000);
    expect(journal.size).toBeLessThan(100);
    expect(journal.size).toBeGreaterThan(5);
    expect(journal.list({ limit: 1 })[0]!.path).toBe('/snag/99');
    journal.clear();
    expect(journal.bytes).toBe(0);
  });

  it('leaves requestErrors, faultIds and delivery out of an entry rather than empty (issue 21)', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent' });
    try {
      await http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } });
      const [inProcess] = mock.control.journal.list();
      expect(Object.keys(inProcess!)).not.toEqual(expect.arrayContaining(['requestErrors']));
      for (const key of ['requestErrors', 'faultIds', 'delivery']) expect(key in inProcess!, key).toBe(false);
    } finally {
      await mock.close();
    }
  });

  it('names secrets without case, separators or brackets', () => {
    for (const name of ['clientSecret', 'accessToken', 'api-key', 'auth', 'private_token', 'client_secret[]', 'X-Lightdash-Token', 'X-Auth-Token', 'Api-Key', 'apiToken', 'user[password]']) expect(isSecretName(name), name).toBe(true);
    for (const name of ['userId', 'value', 'content-type', 'x-attrmock-session', 'label', 'websiteId']) expect(isSecretName(name), name).toBe(false);
  });
});
