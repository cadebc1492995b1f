import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RecordedResponse } from '../src/admin/recorded-response.js';
import { startMock, type RunningMock } from '../src/index.js';
import { admin, SNAG_VALUES_PATH, snagValueWrite } from './support/admin.js';
import { http } from './support/http.js';

const TOKEN = 'dashboard-server-token';
const AUTH = { authorization: `Bearer ${TOKEN}` };
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', adminToken: TOKEN });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('the dashboard page under /__admin/ui/', () => {
  it('redirects /__admin/ui to /__admin/ui/ and serves the page without the token (it holds no data)', async () => {
    const redirect = await fetch(`${mock.url}/__admin/ui`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/__admin/ui/');
    const page = await http(`${mock.url}/__admin/ui/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<script type="module" src="dashboard.js">');
    // Only its own files and origin: a request body shown on the page can neither run nor load anything.
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const asset of ['dashboard.js', 'dashboard.css']) expect((await http(`${mock.url}/__admin/ui/${asset}`)).status).toBe(200);
    expect((await http(`${mock.url}/__admin/ui/config.json`)).body).toEqual({ tokenRequired: true });
  });

  it('keeps the data behind the admin token: operations, sessions, scenarios and the event stream', async () => {
    for (const path of ['/operations', '/sessions', '/scenarios', '/events']) {
      expect((await admin(mock.url, 'GET', path)).status, path).toBe(401);
    }
    expect((await admin(mock.url, 'GET', '/sessions', undefined, AUTH)).status).toBe(200);
    const scenarios = (await admin(mock.url, 'GET', '/scenarios', undefined, AUTH)).body.scenarios;
    expect(scenarios).toContainEqual({ name: 'snag-flaky', description: expect.stringContaining('Snag value writes fail') });
  });

  it('lists each operation with its summary, documented responses and forcible error statuses', async () => {
    const { vendors } = (await admin(mock.url, 'GET', '/operations', undefined, AUTH)).body;
    expect(vendors.map((v: any) => v.name)).toEqual(mock.engine.vendorNames);
    const snag = vendors.find((v: any) => v.name === 'snag');
    expect(snag.operations).toHaveLength(mock.engine.operations('snag').length);
    expect(snag.operations.find((op: any) => op.operationId === 'createWebsiteUserAttributeValues')).toMatchObject({
      method: 'POST',
      path: SNAG_VALUES_PATH,
      summary: 'Create a new website user attribute value',
      errorStatuses: [400, 403, 429, 500],
      openErrorRange: false,
    });
    const lightdash = vendors.find((v: any) => v.name === 'lightdash');
    // Lightdash documents its other errors as `default`: the page offers a status field for them.
    expect(lightdash.operations.find((op: any) => op.operationId === 'createUserAttribute')).toMatchObject({ errorStatuses: [401], openErrorRange: true });
  });
});

describe('the journal keeps the response the mock sent', () => {
  it('records status, headers and body of each answer, forced ones included', async () => {
    await admin(mock.url, 'POST', '/faults', { operationId: 'createWebsiteUserAttributeValues', status: 429, times: 1 }, AUTH);
    const forced = await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('Arsenal'));
    const [entry] = (await admin(mock.url, 'GET', '/requests', undefined, AUTH)).body.requests;
    expect(entry.response).toEqual({ status: 429, headers: expect.objectContaining({ 'retry-after': forced.headers.get('retry-after') }), body: forced.body });
    expect(entry.response.headers['content-type']).toBe(forced.headers.get('content-type'));
  });

  it('redacts credentials a response carries (a Looker login answers tokens)', async () => {
    const login = await http(`${mock.url}/looker/api/4.0/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret',
    });
    expect(login.status).toBe(200);
    const text = (await admin(mock.url, 'GET', '/requests', undefined, AUTH)).text;
    expect(text).not.toContain(login.body.access_token);
    expect(JSON.parse(text).requests[0].response.body).toMatchObject({ access_token: '[REDACTED]', token_type: 'Bearer' });
  });

  it('keeps the garbled body of a malformed delivery and no response for a dropped connection', async () => {
    await admin(mock.url, 'POST', '/faults', [
      { operationId: 'listWebsiteUserAttributes', fault: 'malformed', status: 200, times: 1 },
      { operationId: 'listWebsiteUserAttributeValues', fault: 'drop', times: 1 },
    ], AUTH);
    const malformed = await http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': 'snag-dev-key' } });
    await fetch(`${mock.url}${SNAG_VALUES_PATH}`, { headers: { 'x-api-key': 'snag-dev-key' } }).catch(() => undefined);
    const [dropped, garbled] = (await admin(mock.url, 'GET', '/requests', undefined, AUTH)).body.requests;
    expect(dropped.response).toBeUndefined();
    expect(garbled.response.body).toBe(malformed.text);
  });

  it('keeps only the start of a large body, copied so the whole payload can be freed', () => {
    const payload = JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ i, note: 'x'.repeat(40) })), access_token: 'secret-at-the-end' });
    const recorded = new RecordedResponse({ status: 200, headers: { 'content-type': 'application/json' }, payload }, 1000).toJSON();
    expect(recorded.truncated).toEqual({ length: payload.length });
    expect(typeof recorded.body).toBe('string');
    expect((recorded.body as string).length).toBeLessThanOrEqual(1001);
    expect(payload.startsWith(recorded.body as string)).toBe(true);
  });

  it('masks credentials in a cut body too', () => {
    const payload = `{"access_token":"abc123","refresh_token":"def456","items":[${'1,'.repeat(600)}1]}`;
    const recorded = new RecordedResponse({ status: 200, headers: { 'content-type': 'application/json', 'set-cookie': 'sid=1' }, payload }, 200).toJSON();
    expect(JSON.stringify(recorded)).not.toMatch(/abc123|def456|sid=1/);
  });
});

describe('GET /__admin/events', () => {
  it('streams each new journal entry as a server-sent event, response included', async () => {
    const abort = new AbortController();
    const res = await fetch(`${mock.url}/__admin/events`, { headers: AUTH, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const write = await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('Chelsea'));
    let text = '';
    const complete = () => text.includes('data: ') && text.includes('\n\n', text.indexOf('data: '));
    while (!complete()) text += (await reader.read()).value;
    abort.abort();
    const event = text.slice(text.indexOf('id: '));
    expect(event).toMatch(/^id: \d+\nevent: request\ndata: /);
    const entry = JSON.parse(event.slice(event.indexOf('data: ') + 6, event.indexOf('\n\n')));
    expect(entry).toMatchObject({ vendor: 'snag', method: 'POST', path: SNAG_VALUES_PATH, status: 200, body: { data: [{ value: 'Chelsea' }] } });
    expect(entry.response).toMatchObject({ status: 200, body: write.body });
    expect(JSON.stringify(write.body)).toContain('Chelsea');
    expect(entry.headers['x-api-key']).toBe('[REDACTED]');
  });

  it('unsubscribes a client that went away, and an open stream does not hold the server open on close', async () => {
    const listeners = () => (mock.control.journal as unknown as { listeners: Set<unknown> }).listeners.size;
    const abort = new AbortController();
    const res = await fetch(`${mock.url}/__admin/events`, { headers: AUTH, signal: abort.signal });
    await res.body!.getReader().read();
    expect(listeners()).toBe(1);
    abort.abort();
    await expect.poll(listeners).toBe(0);
    const other = await startMock({ port: 0, logLevel: 'silent' });
    const stream = await fetch(`${other.url}/__admin/events`);
    await stream.body!.getReader().read();
    await other.close();
  });
});
