import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';
import { startCli, type CliServer } from './support/spawn-cli.js';

/**
 * Every credential a client can send, sent every way a client might (right and wrong place, valid and
 * invalid, well-formed and malformed requests); then the logs (the built CLI at trace level) and the request
 * journal are grepped for each value.
 */
const PASSWORD = 'hunter2-correct-horse';
const FIXED_SECRETS = [
  SNAG.key,
  SNAG.otherKey,
  'lightdash-dev-token',
  'lightdash-viewer-token',
  'looker-dev-client-secret',
  'looker-analyst-client-secret',
  PASSWORD,
  'snag-guessed-key-0001',
  'lightdash-guessed-token-0001',
  'looker-guessed-secret-0001',
];

/** Sends the credential-carrying traffic to `base`; returns the Looker access tokens it was issued. */
async function sendSecrets(base: string): Promise<string[]> {
  const tokens: string[] = [];
  const form = 'application/x-www-form-urlencoded';
  const login = async (init: Parameters<typeof http>[1], query = '') => {
    const res = await http(`${base}/looker/api/4.0/login${query}`, { method: 'POST', ...init });
    if (res.body?.access_token) tokens.push(res.body.access_token);
  };
  await login({ headers: { 'content-type': form }, body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret' });
  await login({}, '?client_id=looker-analyst-client-id&client_secret=looker-analyst-client-secret');
  await login({ headers: { 'content-type': form }, body: 'client_id=looker-dev-client-id&client_secret=looker-guessed-secret-0001' });
  await login({ body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret' });
  await login({ headers: { 'content-type': 'application/json' }, body: '{"client_id":"looker-dev-client-id","client_secret":"looker-dev-client-secret",' });
  await login({ headers: { 'content-type': 'text/plain' }, body: 'client_secret=looker-dev-client-secret' });
  const [token] = tokens;
  for (const scheme of ['token', 'Bearer', 'bearer']) await http(`${base}/looker/api/4.0/user`, { headers: { authorization: `${scheme} ${token}` } });
  await http(`${base}/looker/api/4.0/user?access_token=${token}`);
  await http(`${base}/looker/api/4.0/users/1/attribute_values/6`, { method: 'PATCH', headers: { authorization: `token ${token}` }, json: { value: 'emea', password: PASSWORD } });
  await http(`${base}/looker/api/4.0/users/1/attribute_values/6`, { method: 'PATCH', headers: { authorization: `token ${token}`, 'content-type': 'application/json' }, body: `{"value":"emea","password":"${PASSWORD}"` });
  await http(`${base}/looker/api/4.0/logout`, { method: 'DELETE', headers: { authorization: `token ${token}` } });
  await http(`${base}/looker/api/4.0/user`, { headers: { authorization: `token ${token}` } });

  for (const key of [SNAG.key, SNAG.otherKey, 'snag-guessed-key-0001']) {
    await http(`${base}/snag/api/website_user_attributes`, { headers: { 'x-api-key': key } });
    await http(`${base}/snag/api/website_user_attributes?x-api-key=${key}&apiKey=${key}&api_key=${key}`);
    await http(`${base}/snag/api/website_user_attributes`, { method: 'POST', headers: { 'x-api-key': key }, json: { data: [{ label: 'x' }], password: PASSWORD, apiKey: key } });
    await http(`${base}/snag/api/website_user_attributes`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: `{"password":"${PASSWORD}","data":[` });
  }
  for (const token of ['lightdash-dev-token', 'lightdash-viewer-token', 'lightdash-guessed-token-0001']) {
    await http(`${base}/lightdash/api/v1/org/attributes`, { headers: { authorization: `ApiKey ${token}` } });
    await http(`${base}/lightdash/api/v1/org/attributes`, { headers: { authorization: token } });
    await http(`${base}/lightdash/api/v1/org/attributes`, { method: 'POST', headers: { authorization: `ApiKey ${token}` }, json: { name: 'n', attributeDefault: null, users: [], groups: [], token, password: PASSWORD } });
    await http(`${base}/lightdash/api/v1/org/attributes`, { method: 'POST', headers: { authorization: `ApiKey ${token}`, 'content-type': 'application/json' }, body: `{"password":"${PASSWORD}","token":"${token}"` });
    await http(`${base}/lightdash/api/v1/org/attributes?token=${token}`, { headers: { prefer: 'code=500' } });
  }
  return tokens;
}

function leaked(text: string, secrets: string[]): string[] {
  return secrets.filter((secret) => text.includes(secret)).map((secret) => {
    const at = text.indexOf(secret);
    return `${secret} in …${text.slice(Math.max(0, at - 160), at + secret.length + 40)}…`;
  });
}

describe('logs', () => {
  let cli: CliServer;
  let tokens: string[];
  beforeAll(async () => {
    cli = await startCli(['--log-level', 'trace', '--response-validation', 'fail']);
    tokens = await sendSecrets(cli.url);
    await cli.stop('SIGTERM');
  });

  it('logged every request', () => {
    expect(cli.output().split('\n').filter((line) => line.includes('"msg":"request"')).length).toBeGreaterThan(40);
  });

  it('never contain an API key, token, client secret or password', () => {
    expect(tokens.length).toBeGreaterThan(0);
    expect(leaked(cli.output(), [...FIXED_SECRETS, ...tokens])).toEqual([]);
  });
});

describe('the request journal (GET /__admin/requests)', () => {
  let mock: RunningMock;
  let tokens: string[];
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent', responseValidation: 'fail' });
    tokens = await sendSecrets(mock.url);
  });
  afterAll(() => mock.close());

  it('recorded the traffic', async () => {
    const res = await http(`${mock.url}/__admin/requests?limit=1000`);
    expect(res.status).toBe(200);
    expect(res.body.requests.length).toBeGreaterThan(40);
  });

  it('never contains an API key, token, client secret or password, even from malformed bodies', async () => {
    const text = (await http(`${mock.url}/__admin/requests?limit=1000`)).text;
    expect(leaked(text, [...FIXED_SECRETS, ...tokens])).toEqual([]);
  });
});
